package dev.delegatedadmin.adapters.persistence.audit;

import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * What the sealer has not chained yet, for the operator's metrics: committed audit rows (events and outcomes) without a
 * seal, and how long the oldest of them has waited. It looks where a sealer tick looks ({@link AuditSealer#WINDOW}
 * ids behind the newest seal of each kind), so it stays two short index range scans; a row committing later than
 * that is sealed by the periodic sweep and not counted here.
 */
public final class AuditSealBacklog {

    /** Rows without a seal, and the age of the oldest one ({@link Duration#ZERO} when none). */
    public record Backlog(long unsealedRows, Duration oldestUnsealedAge) {
    }

    private final DSLContext dsl;

    public AuditSealBacklog(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Backlog measure() {
        Record2<Long, Double> row = dsl.resultQuery("""
                        with e as (select e.occurred_at as at from audit_event e
                                   where e.id > (select coalesce(max(ref_id), 0) from audit_seal where kind = 'event') - {0}
                                     and not exists (select 1 from audit_seal s where s.kind = 'event' and s.ref_id = e.id)),
                             o as (select o.completed_at as at from audit_outcome o
                                   where o.id > (select coalesce(max(ref_id), 0) from audit_seal where kind = 'outcome') - {0}
                                     and not exists (select 1 from audit_seal s where s.kind = 'outcome' and s.ref_id = o.id))
                        select count(*), greatest(0, coalesce(extract(epoch from now() - min(at)), 0))::float8
                        from (select at from e union all select at from o) u""",
                        DSL.val(AuditSealer.WINDOW))
                .coerce(DSL.field("count", Long.class), DSL.field("age", Double.class))
                .fetchSingle();
        return new Backlog(row.value1(), Duration.ofNanos((long) (row.value2() * 1e9)));
    }
}
