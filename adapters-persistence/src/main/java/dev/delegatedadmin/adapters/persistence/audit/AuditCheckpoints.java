package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_SEAL;

import dev.delegatedadmin.adapters.persistence.audit.AuditAnchor.Checkpoint;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * Writes a checkpoint of the database's chain head to the {@link AuditAnchor} file, the log and (if configured) an
 * {@link AnchorPublisher}, when the head moved. The anchor never moves backwards: a head that no longer contains the
 * last checkpoint (the chain was cut or rewritten) is not anchored but reported, so that {@code verify} keeps
 * comparing against the checkpoint that proves what was lost.
 */
public final class AuditCheckpoints implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AuditCheckpoints.class.getName());

    private final DSLContext dsl;
    private final AuditAnchor anchor;
    private final Optional<AnchorPublisher> publisher;
    private final Clock clock;
    private final Supplier<String> instanceId;
    private Optional<Checkpoint> last;

    public AuditCheckpoints(DSLContext dsl, AuditAnchor anchor, Optional<AnchorPublisher> publisher, Clock clock,
                     Supplier<String> instanceId) {
        this.dsl = OwnTransactions.of(dsl);
        this.anchor = anchor;
        this.publisher = publisher;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    AuditAnchor anchor() {
        return anchor;
    }

    /** Anchors the current head if it moved and still contains the last checkpoint; returns what it wrote. */
    synchronized Optional<Checkpoint> checkpoint() {
        if (last == null) {
            last = anchor.latest();
        }
        Record2<Long, byte[]> head = dsl.select(AUDIT_SEAL.SEQ, AUDIT_SEAL.HASH).from(AUDIT_SEAL)
                .orderBy(AUDIT_SEAL.SEQ.desc()).limit(1).fetchOne();
        if (head == null) {
            last.ifPresent(previous -> LOG.log(System.Logger.Level.ERROR, "The audit trail is empty although checkpoint seq="
                    + previous.seq() + " was anchored: seals 1 to " + previous.seq() + " are gone"));
            return Optional.empty();
        }
        String hash = HexFormat.of().formatHex(head.value2());
        if (last.isPresent()) {
            Checkpoint previous = last.get();
            if (previous.seq() == head.value1() && previous.hash().equals(hash)) {
                return Optional.empty();
            }
            byte[] then = dsl.select(AUDIT_SEAL.HASH).from(AUDIT_SEAL).where(AUDIT_SEAL.SEQ.eq(previous.seq()))
                    .fetchOne(AUDIT_SEAL.HASH);
            if (then == null) {
                // Retention may have archived it: the signed boundary then vouches for it (verify checks its signature).
                then = AuditArchives.latest(dsl).filter(a -> a.toSeq() >= previous.seq())
                        .map(a -> a.toSeq() == previous.seq() ? HexFormat.of().parseHex(a.lastHash())
                                : HexFormat.of().parseHex(previous.hash()))
                        .orElse(null);
            }
            if (then == null || !HexFormat.of().formatHex(then).equals(previous.hash())) {
                LOG.log(System.Logger.Level.ERROR, "The audit chain no longer holds checkpoint seq=" + previous.seq()
                        + " hash=" + previous.hash() + " (cut or rewritten): its head is not anchored; run verify");
                return Optional.empty();
            }
        }
        Checkpoint checkpoint = anchor.sign(head.value1(), hash, clock.instant(), instanceId.get());
        anchor.append(checkpoint);
        LOG.log(System.Logger.Level.INFO, "Audit checkpoint " + checkpoint.json());
        publisher.ifPresent(p -> p.publish(checkpoint.json()));
        last = Optional.of(checkpoint);
        return last;
    }

    @Override
    public void close() {
        publisher.ifPresent(AnchorPublisher::close);
    }
}
