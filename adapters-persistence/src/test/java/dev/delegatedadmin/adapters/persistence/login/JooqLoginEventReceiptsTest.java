package dev.delegatedadmin.adapters.persistence.login;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.port.out.LoginEventReceipts.Claim;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** One signed event, two instances: the first claim wins, the other sees it pending, then the stored answer. */
public class JooqLoginEventReceiptsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final javax.sql.DataSource database = Databases.migratedDataSource();
    private final JooqLoginEventReceipts one = new JooqLoginEventReceipts(DSL.using(database, SQLDialect.POSTGRES));
    private final JooqLoginEventReceipts other = new JooqLoginEventReceipts(DSL.using(database, SQLDialect.POSTGRES));

    @Test
    void the_first_claim_wins_and_its_answer_is_kept() {
        Map<String, Object> outcome = Map.of("results", List.of(Map.of("rule", "stamp", "status", "skipped")),
                "app_metadata", Map.of("provisioned_by", "delegated-admin"));

        assertThat(one.claim("k1", T0)).isInstanceOf(Claim.Won.class);
        assertThat(other.claim("k1", T0)).isInstanceOf(Claim.Pending.class);
        one.answer("k1", outcome);
        assertThat(other.claim("k1", T0)).isEqualTo(new Claim.Answered(outcome));

        assertThat(other.claim("k2", T0.plusSeconds(60))).isInstanceOf(Claim.Won.class);
        other.release("k2");
        assertThat(one.claim("k2", T0.plusSeconds(60))).as("released: runs again").isInstanceOf(Claim.Won.class);

        assertThat(one.removeReceivedBefore(T0.plusSeconds(30))).isEqualTo(1);
        assertThat(one.claim("k1", T0.plusSeconds(90))).isInstanceOf(Claim.Won.class);
    }
}
