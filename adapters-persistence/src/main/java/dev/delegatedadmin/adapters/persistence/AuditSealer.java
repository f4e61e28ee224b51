package dev.delegatedadmin.adapters.persistence;

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
import org.jooq.impl.DSL;

/**
 * Chains committed audit rows, off the write path: writers only insert; this appends {@link AuditHashes} links to
 * {@code audit_seal}. One sealer at a time across all instances (a transaction-scoped advisory lock that writers
 * never take), and the primary key on {@code seq} refuses a fork even if two sealers raced. The order of the chain
 * is the order of sealing, decided in PostgreSQL: a row that commits late (lower id, longer transaction) is simply
 * sealed in a later batch.
 */
final class AuditSealer {

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

    AuditSealer(DSLContext dsl, int batchSize) {
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

    /** How far a sweep has looked: everything up to these ids is sealed (or being skipped for a reason). */
    private record Floors(long event, long outcome) {
    }

    private record Batch(int sealed, Floors next) {
    }

    private int seal(boolean sweep) {
        int total = 0;
        Floors floors = sweep ? new Floors(0, 0) : null;
        while (true) {
            Batch batch = sealBatch(floors);
            total += Math.max(batch.sealed(), 0);
            if (batch.sealed() < batchSize) {
                return total;
            }
            floors = sweep ? batch.next() : null;
        }
    }

    /** One batch in one transaction; {@code sealed} is -1 when another sealer holds the lock. */
    private Batch sealBatch(Floors from) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Boolean locked = tx.select(DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class, DSL.val(LOCK_KEY)))
                    .fetchSingle().value1();
            if (!Boolean.TRUE.equals(locked)) {
                return new Batch(-1, from);
            }
            AuditHashes.pinSession(tx);
            Floors floors = from != null ? from
                    : new Floors(windowFloor(tx, AuditHashes.EVENT), windowFloor(tx, AuditHashes.OUTCOME));
            AuditSealRecord head = tx.selectFrom(AUDIT_SEAL).orderBy(AUDIT_SEAL.SEQ.desc()).limit(1).fetchOne();
            // Outcomes first: an outcome visible now has its event committed before it, so the event query sees it.
            List<? extends Record> outcomes = tx.select(AUDIT_OUTCOME.ID, AUDIT_OUTCOME.EVENT_ID, AuditHashes.OUTCOME_CONTENT)
                    .from(AUDIT_OUTCOME)
                    .where(AUDIT_OUTCOME.ID.gt(floors.outcome()))
                    .andNotExists(DSL.selectOne().from(AUDIT_SEAL)
                            .where(AUDIT_SEAL.KIND.eq(AuditHashes.OUTCOME), AUDIT_SEAL.REF_ID.eq(AUDIT_OUTCOME.ID)))
                    .orderBy(AUDIT_OUTCOME.ID)
                    .limit(batchSize)
                    .fetch();
            List<? extends Record> events = tx.select(AUDIT_EVENT.ID, AuditHashes.EVENT_CONTENT).from(AUDIT_EVENT)
                    .where(AUDIT_EVENT.ID.gt(floors.event()))
                    .andNotExists(DSL.selectOne().from(AUDIT_SEAL)
                            .where(AUDIT_SEAL.KIND.eq(AuditHashes.EVENT), AUDIT_SEAL.REF_ID.eq(AUDIT_EVENT.ID)))
                    .orderBy(AUDIT_EVENT.ID)
                    .limit(batchSize)
                    .fetch();

            long seq = head == null ? 0 : head.getSeq();
            byte[] previous = head == null ? AuditHashes.GENESIS : head.getHash();
            List<AuditSealRecord> seals = new ArrayList<>();
            Set<Long> eventsSealedNow = new HashSet<>();
            long eventFloor = floors.event();
            for (Record event : events) {
                long id = event.get(AUDIT_EVENT.ID);
                previous = add(seals, ++seq, AuditHashes.EVENT, id, event.get(AuditHashes.EVENT_CONTENT), previous);
                eventsSealedNow.add(id);
                eventFloor = id;
            }
            long outcomeFloor = floors.outcome();
            boolean skipped = false;
            for (Record outcome : outcomes) {
                if (seals.size() == batchSize) {
                    break;
                }
                long id = outcome.get(AUDIT_OUTCOME.ID);
                long eventId = outcome.get(AUDIT_OUTCOME.EVENT_ID);
                // Its event first, so the chain reads in the order things happened.
                if (!eventsSealedNow.contains(eventId) && !isSealed(tx, AuditHashes.EVENT, eventId)) {
                    skipped = true;
                    continue;
                }
                previous = add(seals, ++seq, AuditHashes.OUTCOME, id, outcome.get(AuditHashes.OUTCOME_CONTENT), previous);
                if (!skipped) {
                    outcomeFloor = id;
                }
            }
            if (!seals.isEmpty()) {
                insert(tx, seals);
                lastHead = "seq=" + seals.getLast().getSeq() + " hash=" + HexFormat.of().formatHex(seals.getLast().getHash());
                LOG.log(System.Logger.Level.DEBUG, () -> "Audit chain head " + lastHead);
            }
            return new Batch(seals.size(), new Floors(eventFloor, outcomeFloor));
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

    private static long windowFloor(DSLContext tx, String kind) {
        Long newest = tx.select(DSL.max(AUDIT_SEAL.REF_ID)).from(AUDIT_SEAL).where(AUDIT_SEAL.KIND.eq(kind)).fetchSingle().value1();
        return newest == null ? 0 : newest - WINDOW;
    }

    private static boolean isSealed(DSLContext tx, String kind, long refId) {
        return tx.fetchExists(AUDIT_SEAL, AUDIT_SEAL.KIND.eq(kind), AUDIT_SEAL.REF_ID.eq(refId));
    }
}
