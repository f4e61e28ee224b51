package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Audit rows for chain tests, and the database's attacker. */
public final class AuditRows {

    private AuditRows() {
    }

    /** Writes n attempts from {@code t0} on; the first half (rounded down) gets a successful outcome. */
    static List<Long> writeEvents(JooqAuditTrail trail, Instant t0, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(trail.record(new AuditRecord(t0.plusSeconds(i), Optional.of("req-" + i), Optional.of("local|a"),
                    Optional.of("a@example.com"), Optional.of("Finance"), AuditAction.USER_UPDATE, Optional.of("local|t"),
                    Optional.of("t@example.com"), AuditDecision.ALLOWED, Optional.empty(), Optional.empty(),
                    List.of("blocked"), AuditStatus.PENDING, List.of(), Optional.empty(), Optional.empty())));
        }
        for (long id : ids.subList(0, n / 2)) {
            trail.complete(id, AuditStatus.SUCCEEDED, Optional.empty());
        }
        return ids;
    }

    /** What an attacker with superuser access can do: switch the append-only triggers off for one session. */
    static void asSuperuser(DSLContext db, Consumer<DSLContext> tampering) {
        db.connection(connection -> {
            DSLContext session = DSL.using(connection, db.dialect());
            session.execute("set session_replication_role = replica");
            try {
                tampering.accept(session);
            } finally {
                session.execute("set session_replication_role = origin");
            }
        });
    }
}
