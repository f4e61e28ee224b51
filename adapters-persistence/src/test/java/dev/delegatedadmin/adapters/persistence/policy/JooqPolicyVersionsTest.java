package dev.delegatedadmin.adapters.persistence.policy;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.delegatedadmin.application.port.out.PolicyVersion;
import dev.delegatedadmin.application.port.out.PolicyVersions.Activation;
import dev.delegatedadmin.application.port.out.PolicyVersions.NewVersion;
import dev.delegatedadmin.application.testsupport.PolicyTrees;
import dev.delegatedadmin.domain.department.Department;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class JooqPolicyVersionsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private javax.sql.DataSource dataSource;
    private DSLContext db;
    private JooqPolicyVersions versions;

    @BeforeEach
    void freshDatabase() {
        dataSource = Databases.migratedDataSource();
        db = DSL.using(dataSource, SQLDialect.POSTGRES);
        versions = new JooqPolicyVersions(db, Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        versions.close();
    }

    private static NewVersion file(String hash, Map<String, Object> tree) {
        return new NewVersion(tree, hash, PolicyVersion.Source.FILE, Optional.of("policy.yaml"), Optional.empty(), T0);
    }

    private static NewVersion api(Map<String, Object> tree) {
        return new NewVersion(tree, "sha256:api", PolicyVersion.Source.API, Optional.empty(), Optional.of("ada@example.com"), T0);
    }

    @Test
    void a_stored_version_reads_back_as_written_and_becomes_active() {
        assertThat(versions.active()).isEmpty();
        assertThatThrownBy(versions::activePolicy).isInstanceOf(IllegalStateException.class);

        Activation first = versions.store(file("sha256:1", PolicyTrees.shippedDefault()));

        assertThat(first.from()).isEmpty();
        assertThat(first.to().version()).isEqualTo(1);
        PolicyVersion active = versions.active().orElseThrow();
        assertThat(active.tree()).isEqualTo(PolicyTrees.shippedDefault());
        // json keeps the administrator's key order (jsonb would sort the keys).
        assertThat(active.tree().keySet()).containsExactly("departments", "unrestricted_departments", "write_rules");
        assertThat(active.source()).isEqualTo(PolicyVersion.Source.FILE);
        assertThat(active.sourceName()).contains("policy.yaml");
        assertThat(active.createdAt()).isEqualTo(T0);
        assertThat(active.active()).isTrue();
        assertThat(versions.activePolicy().departments().known()).hasSize(4);
    }

    @Test
    void versions_are_numbered_listed_newest_first_and_rolled_back() {
        versions.store(file("sha256:1", PolicyTrees.shippedDefault()));
        Activation second = versions.store(api(PolicyTrees.with("departments", List.of("Finance", "HR", "IT", "Sales", "Legal"))));

        assertThat(second.from()).isEqualTo(OptionalLong.of(1));
        assertThat(versions.activePolicy().departments().known()).contains(new Department("Legal"));
        assertThat(versions.list()).extracting(PolicyVersion::version, PolicyVersion::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, true), org.assertj.core.groups.Tuple.tuple(1L, false));

        Activation rollback = versions.activate(1, Optional.of("ada@example.com"), T0).orElseThrow();

        assertThat(rollback.from()).isEqualTo(OptionalLong.of(2));
        assertThat(rollback.to().version()).isEqualTo(1);
        assertThat(versions.activePolicy().departments().known()).doesNotContain(new Department("Legal"));
        assertThat(versions.find(2)).get().extracting(PolicyVersion::active).isEqualTo(false);
        assertThat(versions.activate(99, Optional.empty(), T0)).isEmpty();
        assertThat(versions.find(99)).isEmpty();
    }

    @Test
    void an_unchanged_file_is_not_stored_again_even_after_an_api_version() {
        assertThat(versions.storeIfFileChanged(file("sha256:1", PolicyTrees.shippedDefault()))).isPresent();
        versions.store(api(PolicyTrees.with("unrestricted_departments", List.of())));

        assertThat(versions.storeIfFileChanged(file("sha256:1", PolicyTrees.shippedDefault()))).isEmpty();
        assertThat(versions.active().orElseThrow().version()).isEqualTo(2);

        assertThat(versions.storeIfFileChanged(file("sha256:2", PolicyTrees.shippedDefault()))).get()
                .extracting(a -> a.to().version()).isEqualTo(3L);
    }

    @Test
    void a_second_instance_on_the_same_database_follows_a_change_within_seconds() throws InterruptedException {
        versions.store(file("sha256:1", PolicyTrees.shippedDefault()));
        JooqPolicyVersions other = new JooqPolicyVersions(DSL.using(dataSource, SQLDialect.POSTGRES), Duration.ofMillis(100));
        other.start();
        try {
            assertThat(other.activePolicy().departments().unrestricted()).containsExactly(new Department("IT"));

            versions.store(api(PolicyTrees.with("unrestricted_departments", List.of())));

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(other.activePolicy().departments().unrestricted()).isEmpty());
        } finally {
            other.close();
        }
    }

    @Test
    void the_database_refuses_to_change_or_remove_versions() {
        versions.store(file("sha256:1", PolicyTrees.shippedDefault()));

        assertThatThrownBy(() -> db.execute("update policy_version set content_hash = 'x'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.execute("delete from policy_activation")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.execute("truncate policy_version cascade")).hasMessageContaining("append-only");
    }
}
