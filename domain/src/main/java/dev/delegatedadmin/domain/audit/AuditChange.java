package dev.delegatedadmin.domain.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * One changed field with its value before and after, as auditors need to see what changed. A secret field is
 * {@code redacted}: its name is kept and both values are empty, so no secret ever reaches the trail.
 * Values are JSON-like (String, Boolean, Number, Map, List); empty means absent.
 */
public record AuditChange(String field, Optional<Object> before, Optional<Object> after, boolean redacted) {

    public AuditChange {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (redacted && (before.isPresent() || after.isPresent())) {
            throw new IllegalArgumentException("A redacted change carries no value.");
        }
    }

    public static AuditChange of(String field, Object before, Object after) {
        return new AuditChange(field, Optional.ofNullable(before), Optional.ofNullable(after), false);
    }

    public static AuditChange redacted(String field) {
        return new AuditChange(field, Optional.empty(), Optional.empty(), true);
    }
}
