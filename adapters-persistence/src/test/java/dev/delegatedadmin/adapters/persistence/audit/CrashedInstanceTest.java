package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegatedadmin.adapters.persistence.PersistenceAdapterConfiguration.AuditProperties;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Issue 13 item 13: an instance killed with -9 (here: one that stops heartbeating, with an intent pending) has its
 * intents marked unknown within 30 s by another live instance, with the shipped defaults; a live instance's intent
 * is left alone. Before, the defaults (10 s heartbeat, 2 min staleness, 30 s reaper) took up to 150 s.
 */
public class CrashedInstanceTest {

    @Test
    void any_live_instance_marks_a_killed_instances_intents_unknown_within_30_seconds() {
        AuditProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("delegated-admin.audit", AuditProperties.class);
        assertThat(defaults.staleAfter().plus(defaults.reapInterval())).isLessThanOrEqualTo(Duration.ofSeconds(30));
        DSLContext db = Databases.migrated();

        AuditInstance killed = new AuditInstance(db);
        killed.register();
        long orphan = new JooqAuditTrail(db, Clock.systemUTC(), killed).record(pending());
        long crashedAt = System.nanoTime();
        // kill -9: no outcome, no stop, no heartbeat from here on.

        List<AuditMaintenance> live = List.of(maintenance(db, defaults), maintenance(db, defaults));
        AuditInstance survivor = new AuditInstance(db);
        AuditMaintenance survivorMaintenance = new AuditMaintenance(survivor, Databases.outcomes(db),
                new AuditSealer(db, 100), settings(defaults));
        survivorMaintenance.start();
        JooqAuditTrail survivorTrail = new JooqAuditTrail(db, Clock.systemUTC(), survivor);
        long waiting = survivorTrail.record(pending());
        live.forEach(AuditMaintenance::start);
        try {
            assertThat(status(survivorTrail, orphan)).isEqualTo(AuditStatus.PENDING);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status(survivorTrail, orphan) == AuditStatus.UNKNOWN);

            Duration took = Duration.ofNanos(System.nanoTime() - crashedAt);
            assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(30))
                    // Not before the instance could count as silent.
                    .isGreaterThanOrEqualTo(defaults.staleAfter().minusSeconds(1));
            assertThat(status(survivorTrail, waiting)).isEqualTo(AuditStatus.PENDING);
        } finally {
            live.forEach(AuditMaintenance::stop);
            survivorMaintenance.stop();
        }
    }

    private static AuditMaintenance maintenance(DSLContext db, AuditProperties properties) {
        return new AuditMaintenance(new AuditInstance(db), Databases.outcomes(db), new AuditSealer(db, 100), settings(properties));
    }

    private static AuditMaintenance.Settings settings(AuditProperties properties) {
        return new AuditMaintenance.Settings(properties.sealInterval(), properties.heartbeatInterval(),
                properties.staleAfter(), properties.reapInterval(), properties.sweepInterval());
    }

    private static AuditStatus status(JooqAuditTrail trail, long id) {
        return trail.find(AuditQuery.of(dev.delegatedadmin.application.port.out.AuditFilter.NONE,
                        OptionalLong.of(id + 1), 1)).events().getFirst().status();
    }

    static AuditRecord pending() {
        return new AuditRecord(java.time.Instant.now(), Optional.of("req"), Optional.of("local|a"), Optional.empty(),
                Optional.of("IT"), AuditAction.USER_DELETE, Optional.of("local|t"), Optional.empty(),
                AuditDecision.ALLOWED, Optional.empty(), Optional.empty(), List.of(), AuditStatus.PENDING, List.of(), Optional.empty(), Optional.empty());
    }
}
