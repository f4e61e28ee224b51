package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored version of the policy document: the tree as it was submitted (so that it reads back as written),
 * its parsed form, and where it came from. Versions are never changed; activating one is a separate record.
 */
public record PolicyVersion(
        long version,
        Map<String, Object> tree,
        PolicyDocument document,
        String contentHash,
        Source source,
        Optional<String> sourceName,
        Instant createdAt,
        Optional<String> createdBy,
        boolean active) {

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

    public PolicyVersion {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }
}
