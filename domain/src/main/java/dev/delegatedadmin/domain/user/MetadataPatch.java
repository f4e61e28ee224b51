package dev.delegatedadmin.domain.user;

import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.shared.Json;
import dev.delegatedadmin.domain.shared.Text;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Requested first-level changes to a metadata object: a key mapped to {@code null} is removed.
 * {@code replacesAll} is the merge-patch {@code "user_metadata": null}: every existing key goes.
 */
public record MetadataPatch(Map<String, Object> changes, boolean replacesAll) {

    public static final MetadataPatch NONE = new MetadataPatch(Map.of(), false);

    public MetadataPatch {
        Objects.requireNonNull(changes, "changes");
        if (changes.size() > Metadata.MAX_KEYS) {
            throw new InvalidValueException("metadata", "Metadata has at most " + Metadata.MAX_KEYS + " keys.");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        changes.forEach((key, value) -> copy.put(Text.requireStorable("metadata", key), Json.normalize(value)));
        changes = Collections.unmodifiableMap(copy);
    }

    public static MetadataPatch of(Map<String, Object> changes) {
        return new MetadataPatch(changes, false);
    }

    public static MetadataPatch clearAll() {
        return new MetadataPatch(Map.of(), true);
    }

    public boolean touches(String key) {
        return changes.containsKey(key);
    }

    /** The requested value, {@code null} when the key is to be removed. */
    public Object valueOf(String key) {
        return changes.get(key);
    }

    public MetadataPatch without(Set<String> keys) {
        Map<String, Object> copy = new LinkedHashMap<>(changes);
        copy.keySet().removeAll(keys);
        return new MetadataPatch(copy, replacesAll);
    }

    public boolean isEmpty() {
        return changes.isEmpty() && !replacesAll;
    }
}
