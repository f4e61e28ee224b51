package dev.delegatedadmin.adapters.persistence.login;

import dev.delegatedadmin.adapters.persistence.localidp.LocalDirectory;
import dev.delegatedadmin.adapters.persistence.localidp.LocalLoginProvisioning;
import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import dev.delegatedadmin.adapters.persistence.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.port.out.LoginRuleLedger.Claim;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The at-most-once ledger and the local IdP's organizations and roles, on a real PostgreSQL. */
public class LoginProvisioningPersistenceTest {

    private static DSLContext db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @BeforeAll
    static void database() {
        db = Databases.migrated();
    }

    private JooqLoginRuleLedger ledger() {
        return new JooqLoginRuleLedger(db, clock, Duration.ofMinutes(2));
    }

    @Test
    void twenty_concurrent_claims_of_one_rule_have_one_winner() throws Exception {
        JooqLoginRuleLedger ledger = ledger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Claim>>> claims = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return ledger.claim("auth0|concurrent", "default-role");
                }));
            }
            start.countDown();
            long winners = 0;
            for (Future<Optional<Claim>> claim : claims) {
                winners += claim.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
    }

    @Test
    void applied_is_final_failed_is_retried_released_is_forgotten() {
        JooqLoginRuleLedger ledger = ledger();
        Claim applied = ledger.claim("auth0|a", "org").orElseThrow();
        ledger.applied(applied);
        assertThat(ledger.claim("auth0|a", "org")).isEmpty();

        Claim failed = ledger.claim("auth0|a", "roles").orElseThrow();
        ledger.failed(failed);
        assertThat(ledger.retriesPending("auth0|a")).containsExactly("roles");
        Claim retried = ledger.claim("auth0|a", "roles").orElseThrow();
        assertThat(ledger.retriesPending("auth0|a")).isEmpty();
        ledger.applied(retried);
        assertThat(ledger.claim("auth0|a", "roles")).isEmpty();

        Claim released = ledger.claim("auth0|a", "other").orElseThrow();
        ledger.release(released);
        assertThat(ledger.claim("auth0|a", "other")).isPresent();
    }

    @Test
    void a_claim_whose_holder_vanished_is_taken_over_after_the_lease_and_the_old_holder_cannot_finish() {
        JooqLoginRuleLedger ledger = ledger();
        Claim crashed = ledger.claim("auth0|b", "org").orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        assertThat(ledger.claim("auth0|b", "org")).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        Claim taken = ledger.claim("auth0|b", "org").orElseThrow();
        ledger.failed(crashed); // too late: not its claim any more
        assertThat(ledger.retriesPending("auth0|b")).isEmpty();
        ledger.applied(taken);
        assertThat(ledger.claim("auth0|b", "org")).isEmpty();
    }

    @Test
    void local_organizations_members_roles_and_metadata() {
        LocalDirectory directory = new LocalDirectory(db, clock);
        User user = directory.create(new NewUser(new Email("org-member@example.com"), Optional.empty(),
                ConnectionName.DEFAULT_DATABASE, Metadata.EMPTY, new Metadata(Map.of("department", "Finance"))));
        db.execute("insert into local_organization values ('org_finance', 'Finance')");
        db.execute("insert into local_organization_connection values ('org_finance', 'Username-Password-Authentication')");
        LocalLoginProvisioning provisioning = new LocalLoginProvisioning(db, clock);

        assertThat(provisioning.isConnectionEnabled("org_finance", "Username-Password-Authentication")).isTrue();
        assertThat(provisioning.isConnectionEnabled("org_finance", "google-oauth2")).isFalse();
        assertThat(provisioning.isConnectionEnabled("org_nope", "Username-Password-Authentication")).isFalse();
        provisioning.addOrganizationMember("org_finance", user.id());
        provisioning.addOrganizationMember("org_finance", user.id()); // already a member: success
        assertThat(db.fetchCount(db.selectFrom("local_organization_member"))).isEqualTo(1);
        provisioning.assignRoles(user.id(), List.of("rol_basic", "rol_reader"));
        provisioning.assignRoles(user.id(), List.of("rol_basic"));
        assertThat(db.fetch("select role_id from local_user_role order by role_id").getValues(0, String.class))
                .containsExactly("rol_basic", "rol_reader");
        provisioning.mergeAppMetadata(user.id(), Map.of("provisioned_by", "delegated-admin"));
        assertThat(directory.findById(user.id()).orElseThrow().appMetadata().values())
                .containsEntry("department", "Finance").containsEntry("provisioned_by", "delegated-admin");

        UserId ghost = new UserId("local|000000000000000000000000");
        assertThatThrownBy(() -> provisioning.assignRoles(ghost, List.of("rol_basic")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> provisioning.addOrganizationMember("org_nope", user.id()))
                .isInstanceOf(NotFoundException.class);
    }
}
