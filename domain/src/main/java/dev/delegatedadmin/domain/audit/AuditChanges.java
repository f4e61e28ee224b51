package dev.delegatedadmin.domain.audit;

import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The before/after values of a write, for the audit trail, with every secret redacted at every depth. */
public final class AuditChanges {

    private AuditChanges() {
    }

    /** A create: nothing before, the new profile after. */
    public static List<AuditChange> forCreate(NewUser user, SecretFields secrets) {
        List<AuditChange> changes = new ArrayList<>();
        add(changes, secrets, "email", null, user.email().value());
        add(changes, secrets, "connection", null, user.connection().value());
        user.password().ifPresent(p -> changes.add(AuditChange.redacted("password")));
        metadata(changes, secrets, "user_metadata", Metadata.EMPTY, user.userMetadata().values());
        metadata(changes, secrets, "app_metadata", Metadata.EMPTY, user.appMetadata().values());
        return changes;
    }

    /** An update: what {@link UserChanges} sends, against the stored user; a removed key is after = absent. */
    public static List<AuditChange> forUpdate(User original, UserChanges update, SecretFields secrets) {
        List<AuditChange> changes = new ArrayList<>();
        update.email().ifPresent(e -> add(changes, secrets, "email", original.email().value(), e.value()));
        update.emailVerified().ifPresent(v -> add(changes, secrets, "email_verified", original.emailVerified(), v));
        update.password().ifPresent(p -> changes.add(AuditChange.redacted("password")));
        update.blocked().ifPresent(b -> add(changes, secrets, "blocked", original.blocked(), b));
        metadata(changes, secrets, "user_metadata", original.userMetadata(), update.userMetadata());
        metadata(changes, secrets, "app_metadata", original.appMetadata(), update.appMetadata());
        return changes;
    }

    private static void metadata(List<AuditChange> changes, SecretFields secrets, String prefix, Metadata before,
                                 Map<String, Object> after) {
        after.forEach((key, value) -> add(changes, secrets, prefix + "." + key, before.values().get(key), value));
    }

    private static void add(List<AuditChange> changes, SecretFields secrets, String field, Object before, Object after) {
        changes.add(secrets.isSecret(field) ? AuditChange.redacted(field, !Objects.equals(before, after))
                : AuditChange.of(field, redact(secrets, field, before, after, false),
                        redact(secrets, field, after, before, true)));
    }

    /**
     * {@code value} with every secret inside it replaced by a marker: on the after side whether it differs from the
     * same place in {@code other} (the before side), on the before side just hidden. List items keep their parent's
     * path, and are compared with the other side's item at the same index.
     */
    private static Object redact(SecretFields secrets, String path, Object value, Object other, boolean afterSide) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            Map<?, ?> otherMap = other instanceof Map<?, ?> m ? m : Map.of();
            map.forEach((key, child) -> {
                String childPath = path + "." + key;
                Object otherChild = otherMap.get(key);
                out.put(String.valueOf(key), secrets.isSecret(childPath)
                        ? marker(child, otherChild, afterSide)
                        : redact(secrets, childPath, child, otherChild, afterSide));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<?> otherList = other instanceof List<?> l ? l : List.of();
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(redact(secrets, path, list.get(i), i < otherList.size() ? otherList.get(i) : null, afterSide));
            }
            return out;
        }
        return value;
    }

    private static Object marker(Object value, Object other, boolean afterSide) {
        if (value == null) {
            return null;
        }
        if (!afterSide) {
            return AuditChange.HIDDEN;
        }
        return Objects.equals(value, other) ? AuditChange.UNCHANGED : AuditChange.CHANGED;
    }
}
