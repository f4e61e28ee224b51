package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.policy.FieldPath;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A custom user field, as the Auth0 extension's {@code userFields}: where it lives, its type and constraints,
 * and whether it may be set on create and changed on update.
 */
public record UserField(
        String name,
        FieldPath location,
        Type type,
        boolean required,
        List<Object> allowedValues,
        Optional<Pattern> pattern,
        Set<Phase> editableOn) {

    public enum Type {
        STRING, INTEGER, NUMBER, BOOLEAN, ENUM, DATE
    }

    public enum Phase {
        CREATE, UPDATE
    }

    public UserField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
        allowedValues = List.copyOf(allowedValues);
        Objects.requireNonNull(pattern, "pattern");
        editableOn = editableOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(editableOn));
    }

    @Override
    public boolean equals(Object other) {
        // Pattern has identity equality: compare its source.
        return other instanceof UserField f && name.equals(f.name) && location.equals(f.location) && type == f.type
                && required == f.required && allowedValues.equals(f.allowedValues)
                && pattern.map(Pattern::pattern).equals(f.pattern.map(Pattern::pattern))
                && editableOn.equals(f.editableOn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, location, type, required, allowedValues, pattern.map(Pattern::pattern), editableOn);
    }

    /** The problem with {@code value} (never null here), if any; messages never quote the value. */
    Optional<String> problemWith(Object value) {
        String wrongType = switch (type) {
            case STRING, ENUM -> value instanceof String ? null : "Must be a string.";
            case INTEGER -> value instanceof Long || value instanceof java.math.BigInteger ? null : "Must be an integer.";
            case NUMBER -> value instanceof Number ? null : "Must be a number.";
            case BOOLEAN -> value instanceof Boolean ? null : "Must be true or false.";
            case DATE -> value instanceof String s && isDate(s) ? null : "Must be a date (YYYY-MM-DD).";
        };
        if (wrongType != null) {
            return Optional.of(wrongType);
        }
        if (!allowedValues.isEmpty() && !allowedValues.contains(value)) {
            return Optional.of("Must be one of: " + String.join(", ", allowedValues.stream().map(String::valueOf).toList()) + ".");
        }
        if (pattern.isPresent() && value instanceof String s && !pattern.get().matcher(s).matches()) {
            return Optional.of("Must match the pattern " + pattern.get().pattern() + ".");
        }
        return Optional.empty();
    }

    static boolean isDate(String value) {
        try {
            java.time.LocalDate.parse(value);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
