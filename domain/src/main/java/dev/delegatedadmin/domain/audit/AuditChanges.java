package dev.delegatedadmin.domain.audit;

import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The before/after values of a write, for the audit trail, with every secret redacted. */
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
        changes.add(secrets.isSecret(field) ? AuditChange.redacted(field) : AuditChange.of(field, before, after));
    }
}
