package dev.delegatedadmin.domain.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of walking the audit hash chain. {@code firstBroken} is the first link that does not hold (a changed,
 * missing or reordered row); {@code unsealed} counts rows not chained yet (the sealer runs behind the writers).
 * {@code headHash} (hex) lets an auditor compare the chain with a head recorded elsewhere. {@code anchor} is the
 * latest signed checkpoint kept outside the database that the chain was checked against, and {@code truncated}
 * the range of seals that checkpoint proves existed and the database no longer holds. {@code archived}: the seals
 * retention moved to archive files (1 to its {@code toSequence}); the chain in the database starts after them.
 */
public record AuditVerification(
        long sealedRows,
        long unsealed,
        Optional<String> headHash,
        Optional<BrokenLink> firstBroken,
        Optional<Anchor> anchor,
        Optional<Truncation> truncated,
        Optional<Archived> archived) {

    public AuditVerification {
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(firstBroken, "firstBroken");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(truncated, "truncated");
        Objects.requireNonNull(archived, "archived");
    }

    public boolean intact() {
        return firstBroken.isEmpty() && truncated.isEmpty();
    }

    /** {@code kind}: {@code event} or {@code outcome}; {@code rowId}: that row's id; {@code sequence}: its seal. */
    public record BrokenLink(long sequence, String kind, long rowId, String reason) {

        public BrokenLink {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The checkpoint checked against: the head ({@code sequence}, {@code hash}) at {@code at}. */
    public record Anchor(long sequence, String hash, Instant at) {

        public Anchor {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Seals 1 to {@code toSequence} were archived at {@code at}; {@code lastHash} (hex) is where the chain resumes. */
    public record Archived(long toSequence, String lastHash, Instant at) {

        public Archived {
            Objects.requireNonNull(lastHash, "lastHash");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Seals {@code fromSequence} to {@code toSequence} (inclusive) existed when anchored and are gone. */
    public record Truncation(long fromSequence, long toSequence) {

        public Truncation {
            if (fromSequence < 1 || toSequence < fromSequence) {
                throw new IllegalArgumentException("A truncated range is 1 <= from <= to.");
            }
        }
    }
}
