package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import dev.delegatedadmin.adapters.persistence.testsupport.MutableClock;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_OUTCOME;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_SEAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.domain.audit.AuditVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hash chain: sealed off the write path, verified from the genesis, tampering found at the tampered row. */
public class AuditChainTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private DSLContext db;
    private JooqAuditTrail trail;
    private AuditSealer sealer;

    @BeforeEach
    void freshDatabase() {
        db = Databases.migrated();
        trail = new JooqAuditTrail(db, new MutableClock(T0));
        sealer = new AuditSealer(db, 50);
    }

    @Test
    void an_empty_trail_verifies() {
        AuditVerification result = trail.verify();

        assertThat(result.intact()).isTrue();
        assertThat(result.sealedRows()).isZero();
        assertThat(result.unsealed()).isZero();
        assertThat(result.headHash()).isEmpty();
    }

    @Test
    void events_and_outcomes_are_sealed_in_batches_and_verify() {
        List<Long> ids = writeEvents(120);

        assertThat(trail.verify().unsealed()).isEqualTo(120 + 60);
        assertThat(sealer.sealPending()).isEqualTo(180);

        AuditVerification result = trail.verify();
        assertThat(result.intact()).as("%s", result).isTrue();
        assertThat(result.sealedRows()).isEqualTo(180);
        assertThat(result.unsealed()).isZero();
        assertThat(result.headHash()).hasValueSatisfying(h -> assertThat(h).hasSize(64));
        // Each outcome comes after its event in the chain.
        for (long id : ids.subList(0, 60)) {
            long eventSeq = sealSeq(AuditHashes.EVENT, id);
            long outcomeId = db.fetchValue(AUDIT_OUTCOME.ID, AUDIT_OUTCOME.EVENT_ID.eq(id));
            assertThat(sealSeq(AuditHashes.OUTCOME, outcomeId)).isGreaterThan(eventSeq);
        }
        // More rows extend the same chain.
        writeEvents(3);
        assertThat(sealer.sealPending()).isEqualTo(4);
        assertThat(trail.verify().sealedRows()).isEqualTo(184);
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void a_row_committed_far_behind_the_window_is_left_to_the_sweep() {
        List<Long> ids = writeEvents(4);
        sealer.sealAll();
        long far = ids.getLast() + AuditSealer.WINDOW + 10;
        insertEventWithId(far);
        assertThat(sealer.sealPending()).isEqualTo(1);

        // A transaction that took id last+5 long ago and commits only now, far behind the window.
        insertEventWithId(ids.getLast() + 5);

        assertThat(sealer.sealPending()).isZero();
        assertThat(trail.verify().unsealed()).isEqualTo(1);
        assertThat(sealer.sealAll()).isEqualTo(1);
        assertThat(trail.verify().unsealed()).isZero();
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void a_row_committed_late_inside_the_window_is_sealed_by_the_next_tick() {
        writeEvents(2);
        sealer.sealPending();
        db.connection(late -> {
            late.setAutoCommit(false);
            DSL.using(late, db.dialect()).execute("insert into audit_event (occurred_at, action, decision, status)"
                    + " values (now(), 'user.delete', 'allowed', 'pending')");
            writeEvents(1);
            assertThat(sealer.sealPending()).isEqualTo(1);
            // The newest row is sealed and the late one not visible yet: a tick that finds nothing.
            assertThat(sealer.sealPending()).isZero();
            late.commit();
        });

        assertThat(sealer.sealPending()).isEqualTo(1);
        assertThat(trail.verify().unsealed()).isZero();
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void a_tick_runs_a_single_statement_while_nothing_has_committed_since_it_last_found_nothing() {
        writeEvents(4);
        AtomicInteger statements = new AtomicInteger();
        AuditSealer counted = new AuditSealer(
                db.configuration().derive(ExecuteListener.onExecuteStart(ctx -> statements.incrementAndGet())).dsl(), 50);
        assertThat(counted.sealPending()).isEqualTo(6);

        // Any commit on the server makes a tick look again, so allow for a stray one (autovacuum, another test).
        boolean skipped = false;
        for (int attempt = 0; attempt < 10 && !skipped; attempt++) {
            assertThat(counted.sealPending()).isZero();
            statements.set(0);
            assertThat(counted.sealPending()).isZero();
            skipped = statements.get() == 1;
        }
        assertThat(skipped).as("an idle tick ran only its first statement").isTrue();

        writeEvents(1);
        assertThat(counted.sealPending()).isEqualTo(1);
        assertThat(trail.verify().unsealed()).isZero();
    }

    private void insertEventWithId(long id) {
        db.execute("insert into audit_event (id, occurred_at, action, decision, status) overriding system value"
                + " values (?, now(), 'user.delete', 'allowed', 'pending')", id);
    }

    @Test
    void seals_are_append_only_for_the_owner_too() {
        writeEvents(2);
        sealer.sealAll();

        assertThatThrownBy(() -> db.update(AUDIT_SEAL).set(AUDIT_SEAL.HASH, new byte[32]).execute())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.deleteFrom(AUDIT_SEAL).execute()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.execute("truncate audit_seal")).hasMessageContaining("append-only");
        assertThat(trail.verify().sealedRows()).isEqualTo(3);
    }

    @Test
    void a_changed_event_is_found_at_its_seal() {
        List<Long> ids = writeEvents(10);
        sealer.sealAll();
        long victim = ids.get(4);

        asSuperuser(tx -> tx.update(AUDIT_EVENT).set(AUDIT_EVENT.ACTOR_ID, "local|someone-else")
                .where(AUDIT_EVENT.ID.eq(victim)).execute());

        AuditVerification result = trail.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBroken()).hasValueSatisfying(broken -> {
            assertThat(broken.kind()).isEqualTo("event");
            assertThat(broken.rowId()).isEqualTo(victim);
            assertThat(broken.sequence()).isEqualTo(sealSeq(AuditHashes.EVENT, victim));
            assertThat(broken.reason()).contains("changed after it was sealed");
        });
        assertThat(result.sealedRows()).isEqualTo(result.firstBroken().get().sequence() - 1);
    }

    @Test
    void a_changed_outcome_a_deleted_row_and_a_deleted_seal_are_each_found() {
        List<Long> ids = writeEvents(10);
        sealer.sealAll();
        long outcomeId = db.fetchValue(AUDIT_OUTCOME.ID, AUDIT_OUTCOME.EVENT_ID.eq(ids.get(2)));

        asSuperuser(tx -> tx.update(AUDIT_OUTCOME).set(AUDIT_OUTCOME.OUTCOME, "failed")
                .where(AUDIT_OUTCOME.ID.eq(outcomeId)).execute());
        assertThat(trail.verify().firstBroken()).hasValueSatisfying(broken -> {
            assertThat(broken.kind()).isEqualTo("outcome");
            assertThat(broken.rowId()).isEqualTo(outcomeId);
        });

        // Put it back: intact again. Then delete an event row instead.
        asSuperuser(tx -> tx.update(AUDIT_OUTCOME).set(AUDIT_OUTCOME.OUTCOME, "succeeded")
                .where(AUDIT_OUTCOME.ID.eq(outcomeId)).execute());
        assertThat(trail.verify().intact()).isTrue();
        long deleted = ids.get(7);
        asSuperuser(tx -> tx.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.ID.eq(deleted)).execute());
        assertThat(trail.verify().firstBroken()).hasValueSatisfying(broken -> {
            assertThat(broken.rowId()).isEqualTo(deleted);
            assertThat(broken.reason()).contains("missing");
        });

        // Deleting a row together with its seal leaves a hole in the sequence.
        long sealOfDeleted = sealSeq(AuditHashes.EVENT, deleted);
        asSuperuser(tx -> tx.deleteFrom(AUDIT_SEAL).where(AUDIT_SEAL.SEQ.eq(sealOfDeleted)).execute());
        assertThat(trail.verify().firstBroken()).hasValueSatisfying(broken -> {
            assertThat(broken.sequence()).isEqualTo(sealOfDeleted + 1);
            assertThat(broken.reason()).contains("missing");
        });
    }

    @Test
    void a_rewritten_seal_breaks_the_next_link() {
        writeEvents(6);
        sealer.sealAll();

        asSuperuser(tx -> tx.update(AUDIT_SEAL).set(AUDIT_SEAL.HASH, new byte[32]).where(AUDIT_SEAL.SEQ.eq(3L)).execute());

        assertThat(trail.verify().firstBroken()).hasValueSatisfying(broken -> assertThat(broken.sequence()).isEqualTo(3));
    }

    @Test
    void two_writers_and_two_sealers_in_parallel_keep_one_valid_chain() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AuditSealer otherSealer = new AuditSealer(db, 50);
        AtomicInteger sealerFailures = new AtomicInteger();
        List<CompletableFuture<Void>> sealers = new ArrayList<>();
        for (AuditSealer s : List.of(sealer, otherSealer)) {
            sealers.add(CompletableFuture.runAsync(() -> {
                while (writing.get()) {
                    try {
                        s.sealPending();
                    } catch (RuntimeException e) {
                        sealerFailures.incrementAndGet(); // a lost race on seq is refused by the primary key
                    }
                }
            }));
        }
        List<CompletableFuture<List<Long>>> writers = List.of(
                CompletableFuture.supplyAsync(() -> writeEvents(150)),
                CompletableFuture.supplyAsync(() -> writeEvents(150)));
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
        writing.set(false);
        CompletableFuture.allOf(sealers.toArray(CompletableFuture[]::new)).get();
        sealer.sealAll();

        AuditVerification result = trail.verify();
        assertThat(result.intact()).as("%s", result).isTrue();
        assertThat(result.unsealed()).isZero();
        assertThat(result.sealedRows()).isEqualTo(300 + 150);
        assertThat(db.fetchCount(AUDIT_SEAL)).isEqualTo(450);
        assertThat(sealerFailures.get()).isZero();
    }

    private List<Long> writeEvents(int n) {
        return AuditRows.writeEvents(trail, T0, n);
    }

    private long sealSeq(String kind, long refId) {
        return db.fetchValue(AUDIT_SEAL.SEQ, AUDIT_SEAL.KIND.eq(kind).and(AUDIT_SEAL.REF_ID.eq(refId)));
    }

    private void asSuperuser(Consumer<DSLContext> tampering) {
        AuditRows.asSuperuser(db, tampering);
    }
}
