package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.shared.InvalidValueException;
import java.util.Arrays;
import java.util.Objects;

/** A first-level metadata key such as {@code app_metadata.roles}. */
public record FieldPath(MetadataKind kind, String key) {

    public FieldPath {
        Objects.requireNonNull(kind, "kind");
        if (key == null || key.isBlank() || key.contains(".")) {
            throw new InvalidValueException("path", "A field path is user_metadata.<key> or app_metadata.<key>.");
        }
    }

    public static FieldPath parse(String path) {
        int dot = path == null ? -1 : path.indexOf('.');
        if (dot < 0) {
            throw new InvalidValueException("path", "A field path is user_metadata.<key> or app_metadata.<key>.");
        }
        String prefix = path.substring(0, dot);
        MetadataKind kind = Arrays.stream(MetadataKind.values())
                .filter(k -> k.externalName().equals(prefix))
                .findFirst()
                .orElseThrow(() -> new InvalidValueException("path",
                        "A field path is user_metadata.<key> or app_metadata.<key>."));
        return new FieldPath(kind, path.substring(dot + 1));
    }

    @Override
    public String toString() {
        return kind.externalName() + "." + key;
    }
}
