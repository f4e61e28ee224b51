package dev.delegatedadmin.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The versioned policy documents, shared by every instance. Storing or activating a version makes it the
 * active one for every instance (the {@link PolicyStore} of each picks it up within seconds).
 */
public interface PolicyVersions {

    /** A version to store; {@code tree} has already been validated. */
    record NewVersion(Map<String, Object> tree, String contentHash, PolicyVersion.Source source,
                      Optional<String> sourceName, Optional<String> createdBy, Instant createdAt) {
        public NewVersion {
            Objects.requireNonNull(tree, "tree");
            Objects.requireNonNull(contentHash, "contentHash");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(sourceName, "sourceName");
            Objects.requireNonNull(createdBy, "createdBy");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /** The active version changed from {@code from} (none on first start) to {@code to}. */
    record Activation(OptionalLong from, PolicyVersion to) {
        public Activation {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    Optional<PolicyVersion> active();

    /** Every version, newest first. */
    List<PolicyVersion> list();

    Optional<PolicyVersion> find(long version);

    /** Stores the version and makes it the active one. */
    Activation store(NewVersion version);

    /**
     * As {@link #store}, unless the newest file-sourced version has the same hash: then nothing (empty). Atomic,
     * so that instances starting together with the same file store it once.
     */
    Optional<Activation> storeIfFileChanged(NewVersion version);

    /** Makes a stored version the active one; empty when there is no such version. */
    Optional<Activation> activate(long version, Optional<String> activatedBy, Instant at);
}
