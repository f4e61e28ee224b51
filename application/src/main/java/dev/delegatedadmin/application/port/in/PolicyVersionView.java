package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of the policy document as its readers see it: the tree as it was submitted (so that it reads back as
 * written), its parsed form, where it came from, and whether it is the one in force.
 */
public record PolicyVersionView(
        long version,
        Map<String, Object> tree,
        PolicyDocument document,
        String contentHash,
        Source source,
        Optional<String> sourceName,
        Instant createdAt,
        Optional<String> createdBy,
        boolean active) {

    /** {@code FILE}: POLICY_FILE at a start; {@code API}: {@code PUT /api/v1/policies/current}. */
    public enum Source {
        FILE("file"), API("api");

        private final String externalName;

        Source(String externalName) {
            this.externalName = externalName;
        }

        public String externalName() {
            return externalName;
        }
    }

    public PolicyVersionView {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }
}
