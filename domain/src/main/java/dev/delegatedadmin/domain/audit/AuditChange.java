package dev.delegatedadmin.domain.audit;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One changed field with its value before and after, as auditors need to see what changed. A secret field is
 * {@code redacted}: its name is kept, no value; {@code after} may only say whether it changed
 * ({@link #CHANGED} or {@link #UNCHANGED}), so no secret ever reaches the trail. Inside a value, a secret at any depth
 * is replaced by the same markers ({@link #HIDDEN} on the before side). Values are JSON-like (String, Boolean, Number,
 * Map, List); empty means absent.
 */
public record AuditChange(String field, Optional<Object> before, Optional<Object> after, boolean redacted) {

    public static final String CHANGED = "<redacted, changed>";
    public static final String UNCHANGED = "<redacted, unchanged>";
    public static final String HIDDEN = "<redacted>";
    private static final Set<Object> MARKERS = Set.of(CHANGED, UNCHANGED);

    public AuditChange {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (redacted && (before.isPresent() || after.isPresent() && !MARKERS.contains(after.get()))) {
            throw new IllegalArgumentException("A redacted change carries no value.");
        }
    }

    public static AuditChange of(String field, Object before, Object after) {
        return new AuditChange(field, Optional.ofNullable(before), Optional.ofNullable(after), false);
    }

    /** A secret that was set, so changed as far as anyone can tell (a password). */
    public static AuditChange redacted(String field) {
        return redacted(field, true);
    }

    public static AuditChange redacted(String field, boolean changed) {
        return new AuditChange(field, Optional.empty(), Optional.of(changed ? CHANGED : UNCHANGED), true);
    }
}
