package dev.delegatedadmin.application.testsupport;

import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.application.port.out.PolicyVersion;
import dev.delegatedadmin.application.port.out.PolicyVersions;
import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Policy versions in memory, also serving the active one as the {@link PolicyStore}. */
public final class InMemoryPolicyVersions implements PolicyVersions, PolicyStore {

    private final List<PolicyVersion> stored = new ArrayList<>();
    private long active;

    public synchronized void reset() {
        stored.clear();
        active = 0;
    }

    @Override
    public synchronized Optional<PolicyVersion> active() {
        return find(active);
    }

    @Override
    public synchronized List<PolicyVersion> list() {
        return stored.reversed().stream().map(this::withActiveFlag).toList();
    }

    @Override
    public synchronized Optional<PolicyVersion> find(long version) {
        return stored.stream().filter(v -> v.version() == version).findFirst().map(this::withActiveFlag);
    }

    @Override
    public synchronized Activation store(NewVersion version) {
        PolicyVersion created = new PolicyVersion(stored.size() + 1L, version.tree(), parse(version.tree()),
                version.contentHash(), version.source(), version.sourceName(), version.createdAt(), version.createdBy(), false);
        stored.add(created);
        return activate(created.version(), version.createdBy(), version.createdAt()).orElseThrow();
    }

    @Override
    public synchronized Optional<Activation> storeIfFileChanged(NewVersion version) {
        Optional<PolicyVersion> lastFile = stored.reversed().stream()
                .filter(v -> v.source() == PolicyVersion.Source.FILE).findFirst();
        if (lastFile.isPresent() && lastFile.get().contentHash().equals(version.contentHash())) {
            return Optional.empty();
        }
        return Optional.of(store(version));
    }

    @Override
    public synchronized Optional<Activation> activate(long version, Optional<String> activatedBy, java.time.Instant at) {
        if (find(version).isEmpty()) {
            return Optional.empty();
        }
        OptionalLong from = active == 0 ? OptionalLong.empty() : OptionalLong.of(active);
        active = version;
        return Optional.of(new Activation(from, find(version).orElseThrow()));
    }

    @Override
    public synchronized PolicyDocument activeDocument() {
        return active().orElseThrow(() -> new IllegalStateException("No active policy")).document();
    }

    private PolicyVersion withActiveFlag(PolicyVersion v) {
        return new PolicyVersion(v.version(), v.tree(), v.document(), v.contentHash(), v.source(), v.sourceName(),
                v.createdAt(), v.createdBy(), v.version() == active);
    }

    private static PolicyDocument parse(Map<String, Object> tree) {
        return switch (PolicyDocument.parse(tree)) {
            case PolicyDocument.Valid(var document) -> document;
            case PolicyDocument.Invalid(var errors) -> throw new IllegalArgumentException("Invalid document: " + errors);
        };
    }
}
