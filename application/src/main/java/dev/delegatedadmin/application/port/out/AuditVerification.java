package dev.delegatedadmin.application.port.out;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of walking the audit hash chain. {@code firstBroken} is the first link that does not hold (a changed,
 * missing or reordered row); {@code unsealed} counts rows not chained yet (the sealer runs behind the writers).
 * {@code headHash} (hex) lets an auditor compare the chain with a head recorded elsewhere, e.g. in the logs.
 */
public record AuditVerification(
        long sealedRows,
        long unsealed,
        Optional<String> headHash,
        Optional<BrokenLink> firstBroken) {

    public AuditVerification {
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(firstBroken, "firstBroken");
    }

    public boolean intact() {
        return firstBroken.isEmpty();
    }

    /** {@code kind}: {@code event} or {@code outcome}; {@code rowId}: that row's id; {@code sequence}: its seal. */
    public record BrokenLink(long sequence, String kind, long rowId, String reason) {

        public BrokenLink {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
