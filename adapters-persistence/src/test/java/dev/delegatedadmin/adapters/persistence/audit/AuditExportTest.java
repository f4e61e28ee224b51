package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import java.util.Set;
import dev.delegatedadmin.domain.actor.Scope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.port.out.AuditFilter;
import dev.delegatedadmin.domain.audit.AuditAction;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** An export streams from a cursor: 100,000 rows pass through without ever being held at once. */
public class AuditExportTest {

    private static final int ROWS = 100_000;

    @Test
    void a_streamed_export_of_100000_rows_keeps_memory_bounded() {
        DSLContext db = Databases.migrated();
        // About 1 kB per row: holding them all (as jOOQ records and domain objects) would take hundreds of MB.
        db.execute("""
                insert into audit_event (occurred_at, request_id, actor_id, actor_email, actor_department, action,
                                         target_id, target_email, decision, message, changed_fields, status, changes)
                select timestamptz '2026-01-01' + g * interval '1 second', 'req-' || g, 'local|actor' || (g % 10),
                       'actor@example.com', 'Finance', 'user.update', 'local|t' || g, 't@example.com', 'allowed',
                       repeat('m', 600), '["user_metadata.team"]', 'pending',
                       jsonb_build_array(jsonb_build_object('field', 'user_metadata.team', 'before', repeat('b', 100),
                                                            'after', repeat('a', 100)))
                from generate_series(1, ?) g""", ROWS);
        JooqAuditTrail trail = new JooqAuditTrail(db, java.time.Clock.systemUTC());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong count = new AtomicLong();
        AtomicLong lastId = new AtomicLong(Long.MAX_VALUE);
        AtomicLong peakGrowth = new AtomicLong();

        trail.export(AuditFilter.NONE, event -> {
            assertThat(event.id()).isLessThan(lastId.get());
            lastId.set(event.id());
            if (count.incrementAndGet() % 25_000 == 0) {
                System.gc();
                peakGrowth.accumulateAndGet(memory.getHeapMemoryUsage().getUsed() - baseline, Math::max);
            }
        });

        assertThat(count.get()).isEqualTo(ROWS);
        assertThat(peakGrowth.get()).as("heap growth while streaming").isLessThan(48L * 1024 * 1024);

        AtomicLong filtered = new AtomicLong();
        trail.export(new AuditFilter(Optional.of("local|actor3"), Optional.empty(), Optional.of(AuditAction.USER_UPDATE),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")), Optional.empty(), Optional.empty(), Scope.all(Set.of())), event -> filtered.incrementAndGet());
        assertThat(filtered.get()).isEqualTo(ROWS / 10);
    }
}
