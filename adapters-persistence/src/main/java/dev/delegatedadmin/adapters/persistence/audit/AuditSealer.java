package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_OUTCOME;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_SEAL;

import dev.delegatedadmin.adapters.persistence.jooq.tables.records.AuditSealRecord;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * Chains committed audit rows, off the write path: writers only insert; this appends {@link AuditHashes} links to
 * {@code audit_seal}. One sealer at a time across all instances (a transaction-scoped advisory lock that writers
 * never take), and the primary key on {@code seq} refuses a fork even if two sealers raced. The order of the chain
 * is the order of sealing, decided in PostgreSQL: a row that commits late (lower id, longer transaction) is simply
 * sealed in a later batch.
 */
public final class AuditSealer {

    /** Any constant shared by every instance; writers never take it. */
    static final long LOCK_KEY = 0x6175646974L; // "audit"
    /**
     * A tick looks for unsealed rows this many ids behind the newest sealed one, so that it stays a short index range
     * scan. A row committing later than that (its transaction held open across 10,000 other inserts) is found by
     * the next {@link #sealAll} sweep (on start, and periodically), and counted as unsealed by verify until then.
     */
    static final long WINDOW = 10_000;

    private static final System.Logger LOG = System.getLogger(AuditSealer.class.getName());

    private final DSLContext dsl;
    private final int batchSize;
    private volatile String lastHead = "";
    /**
     * The snapshot ({@code pg_current_snapshot()}) at the start of the last tick that found nothing to seal. A tick
     * that starts with the same snapshot returns at once: no transaction has committed since, so no row can have
     * appeared, and the same queries would find nothing again. Any commit anywhere on the
     * server (a heartbeat, another sealer's seals) changes the snapshot, and the next tick looks again; so a row
     * that commits late inside the window is still sealed by the next tick, unlike with a check on the newest id.
     */
    private volatile String idleSnapshot;

    public AuditSealer(DSLContext dsl, int batchSize) {
        this.dsl = OwnTransactions.of(dsl);
        this.batchSize = batchSize;
    }

    /** Seals what is committed now, batch after batch; returns how many rows were sealed. */
    int sealPending() {
        return seal(false);
    }

    /** As {@link #sealPending}, looking at every row however old, in one ascending pass: on start, and periodically. */
    int sealAll() {
        return seal(true);
    }

    /** The newest link this sealer wrote ({@code seq=… hash=…}), empty before its first. */
    String head() {
        return lastHead;
    }

    /** Row ids in {@code (after, upTo]}. Both sides of every anti-join are bounded by it, so none scans all seals. */
    private record Range(long after, long upTo) {
    }

    /** A sweep walks the ids in ranges of this size: each batch's work is bounded, whatever the trail's size. */
    static final long SWEEP_RANGE = 50_000;

    private int seal(boolean sweep) {
        if (sweep) {
            int events = sweep(AuditHashes.EVENT);
            return events < 0 ? 0 : events + Math.max(sweep(AuditHashes.OUTCOME), 0);
        }
        int total = 0;
        while (true) {
            Batch batch = sealBatch(null, null);
            total += Math.max(batch.sealed(), 0);
            if (!batch.more()) {
                return total;
            }
        }
    }

    /** {@code sealed}: -1 if another sealer holds the lock; {@code more}: candidates were left for another batch. */
    private record Batch(int sealed, boolean more) {
    }

    /** Seals every unsealed row of one kind, range by range; -1 if another sealer holds the lock. */
    private int sweep(String kind) {
        Long newest = AuditHashes.EVENT.equals(kind)
                ? dsl.select(DSL.max(AUDIT_EVENT.ID)).from(AUDIT_EVENT).fetchSingle().value1()
                : dsl.select(DSL.max(AUDIT_OUTCOME.ID)).from(AUDIT_OUTCOME).fetchSingle().value1();
        int total = 0;
        long after = 0;
        while (newest != null && after < newest) {
            Range range = new Range(after, after + SWEEP_RANGE);
            Batch batch = AuditHashes.EVENT.equals(kind) ? sealBatch(range, null) : sealBatch(null, range);
            if (batch.sealed() < 0) {
                return total == 0 ? -1 : total;
            }
            total += batch.sealed();
            if (!batch.more()) {
                after = range.upTo();
            }
        }
        return total;
    }

    /**
     * One batch in one transaction; -1 when another sealer holds the lock. With no ranges (a tick), events and
     * outcomes within {@link #WINDOW} of the newest sealed ones; otherwise only the kind whose range is given.
     */
    private Batch sealBatch(Range eventRange, Range outcomeRange) {
        boolean tick = eventRange == null && outcomeRange == null;
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Record2<Boolean, String> start = tx.select(
                            DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class, DSL.val(LOCK_KEY)),
                            DSL.field("pg_current_snapshot()::text", String.class))
                    .fetchSingle();
            if (!Boolean.TRUE.equals(start.value1())) {
                return new Batch(-1, false);
            }
            String snapshot = start.value2();
            if (tick && snapshot.equals(idleSnapshot)) {
                return new Batch(0, false);
            }
            AuditHashes.pinSession(tx);
            Range events = tick ? new Range(windowFloor(tx, AuditHashes.EVENT), Long.MAX_VALUE) : eventRange;
            Range outcomes = tick ? new Range(windowFloor(tx, AuditHashes.OUTCOME), Long.MAX_VALUE) : outcomeRange;
            AuditSealRecord head = tx.selectFrom(AUDIT_SEAL).orderBy(AUDIT_SEAL.SEQ.desc()).limit(1).fetchOne();
            // Outcomes first: an outcome visible now has its event committed before it, so the event query sees it.
            List<? extends Record> unsealedOutcomes = outcomes == null ? List.of()
                    : tx.select(AUDIT_OUTCOME.ID, AUDIT_OUTCOME.EVENT_ID, AuditHashes.OUTCOME_CONTENT)
                    .from(AUDIT_OUTCOME)
                    .where(AUDIT_OUTCOME.ID.eq(DSL.any(DSL.array(unsealedIds(AUDIT_OUTCOME.ID, AuditHashes.OUTCOME, outcomes)))))
                    .orderBy(AUDIT_OUTCOME.ID)
                    .fetch();
            List<? extends Record> unsealedEvents = events == null ? List.of()
                    : tx.select(AUDIT_EVENT.ID, AuditHashes.EVENT_CONTENT).from(AUDIT_EVENT)
                    .where(AUDIT_EVENT.ID.eq(DSL.any(DSL.array(unsealedIds(AUDIT_EVENT.ID, AuditHashes.EVENT, events)))))
                    .orderBy(AUDIT_EVENT.ID)
                    .fetch();

            long seq = head == null ? 0 : head.getSeq();
            byte[] previous = head == null ? AuditHashes.GENESIS : head.getHash();
            List<AuditSealRecord> seals = new ArrayList<>();
            Set<Long> eventsSealedNow = new HashSet<>();
            for (Record event : unsealedEvents) {
                long id = event.get(AUDIT_EVENT.ID);
                previous = add(seals, ++seq, AuditHashes.EVENT, id, event.get(AuditHashes.EVENT_CONTENT), previous);
                eventsSealedNow.add(id);
            }
            boolean cut = false;
            for (Record outcome : unsealedOutcomes) {
                if (seals.size() == batchSize) {
                    cut = true;
                    break;
                }
                long eventId = outcome.get(AUDIT_OUTCOME.EVENT_ID);
                // Its event first, so the chain reads in the order things happened.
                if (!eventsSealedNow.contains(eventId) && !isSealed(tx, AuditHashes.EVENT, eventId)) {
                    continue;
                }
                previous = add(seals, ++seq, AuditHashes.OUTCOME, outcome.get(AUDIT_OUTCOME.ID),
                        outcome.get(AuditHashes.OUTCOME_CONTENT), previous);
            }
            if (tick) {
                idleSnapshot = seals.isEmpty() ? snapshot : null;
            }
            if (!seals.isEmpty()) {
                insert(tx, seals);
                lastHead = "seq=" + seals.getLast().getSeq() + " hash=" + HexFormat.of().formatHex(seals.getLast().getHash());
                LOG.log(System.Logger.Level.DEBUG, () -> "Audit chain head " + lastHead);
            }
            // Full fetches leave more behind; but a batch that sealed nothing (outcomes waiting for their events)
            // must not be repeated, or it would spin.
            boolean more = !seals.isEmpty() && (cut || unsealedEvents.size() == batchSize
                    || unsealedOutcomes.size() == batchSize);
            return new Batch(seals.size(), more);
        });
    }

    /**
     * One statement with six array parameters, whatever the batch size: cheaper to send, parse and plan than a
     * JDBC batch (one execution per row) or a VALUES list (six parameters per row).
     */
    private static void insert(DSLContext tx, List<AuditSealRecord> seals) {
        int n = seals.size();
        Long[] seqs = new Long[n];
        String[] kinds = new String[n];
        Long[] refIds = new Long[n];
        String[] contents = new String[n];
        String[] previous = new String[n];
        String[] hashes = new String[n];
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < n; i++) {
            AuditSealRecord seal = seals.get(i);
            seqs[i] = seal.getSeq();
            kinds[i] = seal.getKind();
            refIds[i] = seal.getRefId();
            contents[i] = hex.formatHex(seal.getContentHash());
            previous[i] = hex.formatHex(seal.getPrevHash());
            hashes[i] = hex.formatHex(seal.getHash());
        }
        tx.execute("insert into audit_seal (seq, kind, ref_id, content_hash, prev_hash, hash)"
                        + " select s, k, r, decode(c, 'hex'), decode(p, 'hex'), decode(h, 'hex')"
                        + " from unnest({0}::bigint[], {1}::text[], {2}::bigint[], {3}::text[], {4}::text[], {5}::text[])"
                        + " as t(s, k, r, c, p, h)",
                DSL.val(seqs), DSL.val(kinds), DSL.val(refIds), DSL.val(contents), DSL.val(previous), DSL.val(hashes));
    }

    private static byte[] add(List<AuditSealRecord> seals, long seq, String kind, long refId, String canonical,
                              byte[] previous) {
        byte[] content = AuditHashes.contentHash(kind, canonical);
        byte[] hash = AuditHashes.linkHash(previous, seq, kind, refId, content);
        AuditSealRecord seal = new AuditSealRecord();
        seal.setSeq(seq);
        seal.setKind(kind);
        seal.setRefId(refId);
        seal.setContentHash(content);
        seal.setPrevHash(previous);
        seal.setHash(hash);
        seals.add(seal);
        return hash;
    }

    /**
     * The first {@code batchSize} ids of one kind in the range that have no seal, for {@code id = any(array(…))}:
     * the anti-join reads only the two indexes (ids and seals), and only the rows it returns are read from the table
     * and turned into canonical text. Joined with the content in one select, PostgreSQL fetched every row of the
     * range from the heap (10,000 per tick with {@link #WINDOW}) before the anti-join discarded them.
     */
    private Select<Record1<Long>> unsealedIds(TableField<?, Long> id, String kind, Range range) {
        return DSL.select(id).from(id.getTable())
                .where(id.gt(range.after()), id.le(range.upTo()))
                .andNotExists(DSL.selectOne().from(AUDIT_SEAL).where(AUDIT_SEAL.KIND.eq(kind),
                        AUDIT_SEAL.REF_ID.eq(id), AUDIT_SEAL.REF_ID.gt(range.after()),
                        AUDIT_SEAL.REF_ID.le(range.upTo())))
                .orderBy(id)
                .limit(batchSize);
    }

    private static long windowFloor(DSLContext tx, String kind) {
        Long newest = tx.select(DSL.max(AUDIT_SEAL.REF_ID)).from(AUDIT_SEAL).where(AUDIT_SEAL.KIND.eq(kind)).fetchSingle().value1();
        return newest == null ? 0 : newest - WINDOW;
    }

    private static boolean isSealed(DSLContext tx, String kind, long refId) {
        return tx.fetchExists(AUDIT_SEAL, AUDIT_SEAL.KIND.eq(kind), AUDIT_SEAL.REF_ID.eq(refId));
    }
}
