package dev.delegatedadmin.domain.user;

import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.shared.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code user_metadata} or {@code app_metadata}: a JSON object, immutable, compared by value. */
public record Metadata(Map<String, Object> values) {

    public static final Metadata EMPTY = new Metadata(Map.of());
    public static final int MAX_KEYS = 100;

    @SuppressWarnings("unchecked")
    public Metadata {
        Objects.requireNonNull(values, "values");
        if (values.size() > MAX_KEYS) {
            throw new InvalidValueException("metadata", "Metadata has at most " + MAX_KEYS + " keys.");
        }
        Map<String, Object> normalized = (Map<String, Object>) Json.normalize(values);
        if (normalized.containsValue(null)) {
            // A top-level null means "no such key", as in Auth0's metadata.
            Map<String, Object> withoutNulls = new LinkedHashMap<>(normalized);
            withoutNulls.values().removeIf(Objects::isNull);
            normalized = java.util.Collections.unmodifiableMap(withoutNulls);
        }
        values = normalized;
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public Metadata with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Metadata(copy);
    }

    public Metadata without(String key) {
        if (!values.containsKey(key)) {
            return this;
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.remove(key);
        return new Metadata(copy);
    }

    /** First-level merge, as Auth0 merges metadata: a key set to {@code null} is removed. */
    public Metadata merge(MetadataPatch patch) {
        Map<String, Object> copy = patch.replacesAll() ? new LinkedHashMap<>() : new LinkedHashMap<>(values);
        patch.changes().forEach((key, value) -> {
            if (value == null) {
                copy.remove(key);
            } else {
                copy.put(key, value);
            }
        });
        return new Metadata(copy);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
