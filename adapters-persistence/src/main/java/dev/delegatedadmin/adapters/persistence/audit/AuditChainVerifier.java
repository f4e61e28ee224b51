package dev.delegatedadmin.adapters.persistence.audit;

import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_OUTCOME;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_SEAL;

import dev.delegatedadmin.adapters.persistence.audit.AuditAnchor.Checkpoint;
import dev.delegatedadmin.domain.audit.AuditVerification;
import dev.delegatedadmin.domain.audit.AuditVerification.Anchor;
import dev.delegatedadmin.domain.audit.AuditVerification.Archived;
import dev.delegatedadmin.domain.audit.AuditVerification.BrokenLink;
import dev.delegatedadmin.domain.audit.AuditVerification.Truncation;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Walks {@code audit_seal} in order, recomputing every row's content hash and every link from the genesis, in one
 * read-only snapshot, with a cursor (bounded memory). Reports the first seal whose link does not hold, and why. With a
 * checkpoint (read before the walk), the chain must still hold its head at its sequence number: fewer seals are
 * reported as {@code truncated} (the missing range), a different hash there as a broken link.
 */
public final class AuditChainVerifier {

    private static final String REWRITTEN = "the chain was rewritten: this seal's hash differs from the anchored checkpoint";

    private final DSLContext dsl;
    private final Supplier<Optional<Checkpoint>> checkpoint;
    private final Optional<AuditAnchor> archiveKey;

    AuditChainVerifier(DSLContext dsl) {
        this(dsl, Optional::empty, Optional.empty());
    }

    AuditChainVerifier(DSLContext dsl, Supplier<Optional<Checkpoint>> checkpoint) {
        this(dsl, checkpoint, Optional.empty());
    }

    /** {@code archiveKey}: the anchor whose key signed the archive boundaries ({@link AuditArchives}). */
    AuditChainVerifier(DSLContext dsl, Supplier<Optional<Checkpoint>> checkpoint, Optional<AuditAnchor> archiveKey) {
        this.dsl = dsl;
        this.checkpoint = checkpoint;
        this.archiveKey = archiveKey;
    }

    AuditVerification verify() {
        Optional<Checkpoint> anchored = checkpoint.get();
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            tx.execute("set transaction isolation level repeatable read, read only");
            AuditHashes.pinSession(tx);
            long walked = 0;
            long expectedSeq = 1;
            byte[] previous = AuditHashes.GENESIS;
            Optional<BrokenLink> broken = Optional.empty();
            // Retention: the chain resumes after the newest archive, if its signature holds.
            Optional<AuditArchives.Archive> archive = AuditArchives.latest(tx);
            if (archive.isPresent()) {
                AuditArchives.Archive a = archive.get();
                expectedSeq = a.toSeq() + 1;
                previous = HexFormat.of().parseHex(a.lastHash());
                if (archiveKey.isEmpty() || !a.signedBy(archiveKey.get())) {
                    broken = Optional.of(new BrokenLink(a.toSeq(), "archive", 0, archiveKey.isEmpty()
                            ? "the archive boundary cannot be checked without the audit anchor key"
                            : "the archive boundary's signature does not hold (forged in the database, or another key)"));
                } else if (anchored.isPresent() && anchored.get().seq() == a.toSeq()
                        && !anchored.get().hash().equals(a.lastHash())) {
                    broken = Optional.of(new BrokenLink(a.toSeq(), "archive", 0, REWRITTEN));
                }
            }
            if (broken.isEmpty()) try (Cursor<Record> seals = tx.select(AUDIT_SEAL.fields())
                    .select(AUDIT_EVENT.ID, AuditHashes.EVENT_CONTENT)
                    .select(AUDIT_OUTCOME.ID, AuditHashes.OUTCOME_CONTENT)
                    .from(AUDIT_SEAL)
                    .leftJoin(AUDIT_EVENT).on(AUDIT_SEAL.KIND.eq(AuditHashes.EVENT), AUDIT_EVENT.ID.eq(AUDIT_SEAL.REF_ID))
                    .leftJoin(AUDIT_OUTCOME).on(AUDIT_SEAL.KIND.eq(AuditHashes.OUTCOME), AUDIT_OUTCOME.ID.eq(AUDIT_SEAL.REF_ID))
                    .orderBy(AUDIT_SEAL.SEQ)
                    .fetchSize(1000)
                    .fetchLazy()) {
                for (Record seal : seals) {
                    walked++;
                    long seq = seal.get(AUDIT_SEAL.SEQ);
                    String kind = seal.get(AUDIT_SEAL.KIND);
                    long refId = seal.get(AUDIT_SEAL.REF_ID);
                    String reason = check(seal, expectedSeq, previous);
                    if (reason == null && anchored.isPresent() && anchored.get().seq() == seq
                            && !anchored.get().hash().equals(HexFormat.of().formatHex(seal.get(AUDIT_SEAL.HASH)))) {
                        reason = REWRITTEN;
                    }
                    if (reason != null) {
                        broken = Optional.of(new BrokenLink(seq, kind, refId, reason));
                        break;
                    }
                    previous = seal.get(AUDIT_SEAL.HASH);
                    expectedSeq = seq + 1;
                }
            }
            long unsealed = unsealed(tx);
            Optional<String> head = broken.isPresent() || (walked == 0 && archive.isEmpty())
                    ? Optional.empty() : Optional.of(HexFormat.of().formatHex(previous));
            long lastIntact = expectedSeq - 1;
            Optional<Truncation> truncated = broken.isEmpty() && anchored.isPresent()
                    && lastIntact < anchored.get().seq()
                    ? Optional.of(new Truncation(lastIntact + 1, anchored.get().seq())) : Optional.empty();
            return new AuditVerification(broken.isPresent() && walked > 0 ? walked - 1 : walked, unsealed, head, broken,
                    anchored.map(c -> new Anchor(c.seq(), c.hash(), c.at())), truncated,
                    archive.map(a -> new Archived(a.toSeq(), a.lastHash(), a.at())));
        });
    }

    /** Why this seal does not hold, or null. */
    private static String check(Record seal, long expectedSeq, byte[] previous) {
        long seq = seal.get(AUDIT_SEAL.SEQ);
        String kind = seal.get(AUDIT_SEAL.KIND);
        if (seq != expectedSeq) {
            return "seals " + expectedSeq + " to " + (seq - 1) + " are missing";
        }
        boolean present = AuditHashes.EVENT.equals(kind) ? seal.get(AUDIT_EVENT.ID) != null : seal.get(AUDIT_OUTCOME.ID) != null;
        if (!present) {
            return "the sealed " + kind + " row is missing";
        }
        byte[] content = AuditHashes.contentHash(kind, seal.get(AuditHashes.EVENT.equals(kind)
                ? AuditHashes.EVENT_CONTENT : AuditHashes.OUTCOME_CONTENT));
        if (!Arrays.equals(content, seal.get(AUDIT_SEAL.CONTENT_HASH))) {
            return "the " + kind + " row was changed after it was sealed";
        }
        if (!Arrays.equals(previous, seal.get(AUDIT_SEAL.PREV_HASH))) {
            return "the link to the previous seal is broken";
        }
        byte[] expected = AuditHashes.linkHash(previous, seq, kind, seal.get(AUDIT_SEAL.REF_ID), content);
        if (!Arrays.equals(expected, seal.get(AUDIT_SEAL.HASH))) {
            return "the seal's hash does not match its content";
        }
        return null;
    }

    private static long unsealed(DSLContext tx) {
        int events = tx.fetchCount(DSL.selectOne().from(AUDIT_EVENT).whereNotExists(DSL.selectOne().from(AUDIT_SEAL)
                .where(AUDIT_SEAL.KIND.eq(AuditHashes.EVENT), AUDIT_SEAL.REF_ID.eq(AUDIT_EVENT.ID))));
        int outcomes = tx.fetchCount(DSL.selectOne().from(AUDIT_OUTCOME).whereNotExists(DSL.selectOne().from(AUDIT_SEAL)
                .where(AUDIT_SEAL.KIND.eq(AuditHashes.OUTCOME), AUDIT_SEAL.REF_ID.eq(AUDIT_OUTCOME.ID))));
        return (long) events + outcomes;
    }
}
