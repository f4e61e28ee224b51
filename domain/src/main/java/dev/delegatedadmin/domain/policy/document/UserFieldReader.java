package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.policy.FieldPath;
import dev.delegatedadmin.domain.policy.MetadataKind;
import dev.delegatedadmin.domain.shared.Json;
import dev.delegatedadmin.domain.shared.TreeReader;
import dev.delegatedadmin.domain.user.User;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads {@code user_fields}: the custom fields validated on every create and update. */
final class UserFieldReader {

    private static final Set<String> KEYS =
            Set.of("name", "location", "type", "required", "allowed_values", "pattern", "editable_on");
    private static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z0-9_]{1,64}$");

    private final DocumentReader reader;
    private final Set<String> names = new HashSet<>();
    private final Set<FieldPath> locations = new HashSet<>();

    UserFieldReader(DocumentReader reader) {
        this.reader = reader;
    }

    List<UserField> fields(Object node) {
        List<UserField> result = new ArrayList<>();
        List<Object> items = reader.list(node, "user_fields");
        for (int i = 0; i < items.size(); i++) {
            String path = TreeReader.item("user_fields", i);
            Map<String, Object> field = reader.object(items.get(i), path, KEYS);
            if (field != null) {
                int before = reader.count();
                UserField read = field(field, path);
                if (reader.count() == before) {
                    result.add(read);
                }
            }
        }
        return result;
    }

    /** Meaningful only when nothing was reported. */
    private UserField field(Map<String, Object> field, String path) {
        String name = name(field, path);
        FieldPath location = location(field, path, name);
        UserField.Type type = field.containsKey("type")
                ? reader.enumValue(field.get("type"), path + ".type", UserField.Type.class) : UserField.Type.STRING;
        boolean required = field.containsKey("required")
                && Boolean.TRUE.equals(reader.bool(field.get("required"), path + ".required"));
        List<Object> allowedValues = allowedValues(field, path, type);
        Optional<Pattern> pattern = pattern(field, path, type);
        Set<UserField.Phase> editableOn = EnumSet.allOf(UserField.Phase.class);
        if (field.containsKey("editable_on")) {
            editableOn = EnumSet.noneOf(UserField.Phase.class);
            List<Object> phases = reader.list(field.get("editable_on"), path + ".editable_on");
            for (int j = 0; j < phases.size(); j++) {
                UserField.Phase phase = reader.enumValue(phases.get(j), TreeReader.item(path + ".editable_on", j),
                        UserField.Phase.class);
                if (phase != null) {
                    editableOn.add(phase);
                }
            }
        }
        return name == null || location == null || type == null ? null
                : new UserField(name, location, type, required, allowedValues, pattern, editableOn);
    }

    private String name(Map<String, Object> field, String path) {
        String namePath = path + ".name";
        String name = reader.string(field.get("name"), namePath);
        if (name != null && !FIELD_NAME.matcher(name).matches()) {
            reader.error(namePath, "1 to 64 letters, digits or underscores.");
        } else if (name != null && !names.add(name)) {
            reader.error(namePath, "Duplicate field name \"" + name + "\".");
        }
        return name;
    }

    /** Default {@code user_metadata.<name>}; never the policy's own fields, never one taken by another field. */
    private FieldPath location(Map<String, Object> field, String path, String name) {
        String locationPath = path + ".location";
        FieldPath location = field.containsKey("location") ? reader.fieldPath(field.get("location"), locationPath)
                : name == null || !FIELD_NAME.matcher(name).matches() ? null
                : new FieldPath(MetadataKind.USER_METADATA, name);
        if (location != null && location.kind() == MetadataKind.APP_METADATA
                && (location.key().equals(User.DEPARTMENT_KEY) || location.key().equals(User.ROLES_KEY))) {
            reader.error(locationPath, location + " is the policy's own field, not a custom field.");
        } else if (location != null && !locations.add(location)) {
            reader.error(locationPath, "Another field already lives at " + location + ".");
        }
        return location;
    }

    private List<Object> allowedValues(Map<String, Object> field, String path, UserField.Type type) {
        List<Object> allowed = new ArrayList<>();
        String valuesPath = path + ".allowed_values";
        List<Object> raw = reader.list(field.get("allowed_values"), valuesPath);
        // The field's own type check, applied to each allowed value.
        UserField typeOnly = type == null ? null : new UserField("x", new FieldPath(MetadataKind.USER_METADATA, "x"),
                type, false, List.of(), Optional.empty(), Set.of());
        for (int j = 0; j < raw.size(); j++) {
            Object value = raw.get(j);
            Object normalized = value instanceof String || value instanceof Number || value instanceof Boolean
                    ? Json.normalize(value) : null;
            if (normalized == null) {
                reader.error(TreeReader.item(valuesPath, j), "Must be a string, number or boolean.");
            } else if (type != null && type != UserField.Type.ENUM && typeOnly.problemWith(normalized).isPresent()) {
                reader.error(TreeReader.item(valuesPath, j), "Does not have the field's type.");
            } else {
                allowed.add(normalized);
            }
        }
        if (type == UserField.Type.ENUM && raw.isEmpty()) {
            reader.error(valuesPath, "Required for an enum.");
        }
        return allowed;
    }

    private Optional<Pattern> pattern(Map<String, Object> field, String path, UserField.Type type) {
        if (field.get("pattern") == null) {
            return Optional.empty();
        }
        String patternPath = path + ".pattern";
        String regex = reader.string(field.get("pattern"), patternPath);
        if (regex == null) {
            return Optional.empty();
        }
        if (type != UserField.Type.STRING) {
            reader.error(patternPath, "Only a string field has a pattern.");
        }
        try {
            return Optional.of(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            reader.error(patternPath, "Not a valid regular expression.");
            return Optional.empty();
        }
    }
}
