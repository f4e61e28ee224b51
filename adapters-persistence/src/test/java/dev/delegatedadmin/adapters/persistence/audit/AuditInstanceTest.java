package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import dev.delegatedadmin.adapters.persistence.testsupport.MutableClock;
import java.util.Set;
import dev.delegatedadmin.domain.actor.Scope;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A crash between intent and outcome leaves a visible pending intent, then unknown: never a guess. */
public class AuditInstanceTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private DSLContext db;

    @BeforeEach
    void freshDatabase() {
        db = Databases.migrated();
    }

    @Test
    void a_crash_between_intent_and_outcome_leaves_pending_then_unknown_on_the_next_start() {
        AuditInstance crashed = new AuditInstance(db);
        crashed.register();
        JooqAuditTrail before = new JooqAuditTrail(db, new MutableClock(T0), crashed);
        long intent = before.record(pending());
        long done = before.record(pending());
        before.complete(done, AuditStatus.SUCCEEDED, Optional.empty());
        // The process dies here: no outcome, no stop, no more heartbeats.

        assertThat(status(before, intent)).isEqualTo(AuditStatus.PENDING);

        AuditInstance restarted = new AuditInstance(db);
        AuditMaintenance maintenance = new AuditMaintenance(restarted, Databases.outcomes(db), new AuditSealer(db, 100),
                new AuditMaintenance.Settings(Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO, Duration.ofHours(1),
                        Duration.ofHours(1)));
        maintenance.start();
        try {
            JooqAuditTrail after = new JooqAuditTrail(db, new MutableClock(T0), restarted);
            AuditEvent event = event(after, intent);
            assertThat(event.status()).isEqualTo(AuditStatus.UNKNOWN);
            assertThat(event.record().status()).isEqualTo(AuditStatus.PENDING);
            assertThat(event.outcomeDetail()).contains(AuditInstance.UNKNOWN_DETAIL);
            assertThat(status(after, done)).isEqualTo(AuditStatus.SUCCEEDED);
            // The first tick sweeps everything into the chain, the unknown outcome included.
            maintenance.tick();
            assertThat(after.verify().unsealed()).isZero();
            assertThat(after.verify().intact()).isTrue();
        } finally {
            maintenance.stop();
        }
        assertThat(db.fetchValue(AUDIT_INSTANCE.STOPPED_AT, AUDIT_INSTANCE.INSTANCE_ID.eq(restarted.id()))).isNotNull();
    }

    @Test
    void intents_of_a_live_instance_are_left_alone_and_a_stopped_instance_is_reaped_at_once() {
        AuditInstance live = new AuditInstance(db);
        live.register();
        AuditInstance stopped = new AuditInstance(db);
        stopped.register();
        AuditInstance self = new AuditInstance(db);
        self.register();
        long liveIntent = new JooqAuditTrail(db, new MutableClock(T0), live).record(pending());
        long stoppedIntent = new JooqAuditTrail(db, new MutableClock(T0), stopped).record(pending());
        JooqAuditTrail mine = new JooqAuditTrail(db, new MutableClock(T0), self);
        long ownIntent = mine.record(pending());
        stopped.stopped();

        assertThat(self.markUnknown(Duration.ofHours(1), true)).isEqualTo(1);

        assertThat(status(mine, liveIntent)).isEqualTo(AuditStatus.PENDING);
        assertThat(status(mine, ownIntent)).isEqualTo(AuditStatus.PENDING);
        assertThat(status(mine, stoppedIntent)).isEqualTo(AuditStatus.UNKNOWN);
        // Each instance once.
        assertThat(self.markUnknown(Duration.ofHours(1), true)).isZero();
    }

    @Test
    void an_instance_declared_dead_continues_under_a_new_id() {
        AuditInstance paused = new AuditInstance(db);
        paused.register();
        String first = paused.id();
        AuditInstance other = new AuditInstance(db);
        other.register();
        long intent = new JooqAuditTrail(db, new MutableClock(T0), paused).record(pending());

        other.markUnknown(Duration.ZERO, false);
        paused.heartbeat();

        assertThat(paused.id()).isNotEqualTo(first);
        JooqAuditTrail trail = new JooqAuditTrail(db, new MutableClock(T0), paused);
        assertThat(status(trail, intent)).isEqualTo(AuditStatus.UNKNOWN);
        long later = trail.record(pending());
        assertThat(other.markUnknown(Duration.ofHours(1), false)).isZero();
        assertThat(status(trail, later)).isEqualTo(AuditStatus.PENDING);
    }

    private static AuditRecord pending() {
        return new AuditRecord(T0, Optional.of("req"), Optional.of("local|a"), Optional.empty(), Optional.of("IT"),
                AuditAction.USER_DELETE, Optional.of("local|t"), Optional.empty(), AuditDecision.ALLOWED,
                Optional.empty(), Optional.empty(), List.of(), AuditStatus.PENDING, List.of(), Optional.empty(), Optional.empty());
    }

    private static AuditStatus status(JooqAuditTrail trail, long id) {
        return event(trail, id).status();
    }

    private static AuditEvent event(JooqAuditTrail trail, long id) {
        return trail.find(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalLong.of(id + 1), 1, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Scope.all(Set.of()))).events().getFirst();
    }
}
