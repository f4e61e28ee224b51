package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an update sends to the IdP: only fields that differ from the stored user, compared deeply.
 * Metadata maps hold first-level keys, a {@code null} value removing the key (as Auth0's PATCH does).
 */
public record UserChanges(
        Optional<Email> email,
        Optional<Boolean> emailVerified,
        Optional<Password> password,
        Optional<Boolean> blocked,
        Map<String, Object> userMetadata,
        Map<String, Object> appMetadata) {

    public UserChanges {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(emailVerified, "emailVerified");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(blocked, "blocked");
        userMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(userMetadata));
        appMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(appMetadata));
    }

    public static final UserChanges NONE = new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Map.of(), Map.of());

    /** The difference between the stored user and the profile the policy allowed. */
    public static UserChanges between(User original, Profile profile) {
        Optional<Email> email = profile.email().filter(e -> !e.equals(original.email()));
        return new UserChanges(
                email,
                // A new address has not been verified by anyone.
                email.map(e -> false),
                profile.password(),
                Optional.of(profile.blocked()).filter(b -> b != original.blocked()),
                diff(original.userMetadata(), profile.userMetadata()),
                diff(original.appMetadata(), profile.appMetadata()));
    }

    private static Map<String, Object> diff(Metadata before, Metadata after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        after.values().forEach((key, value) -> {
            if (!Objects.equals(before.values().get(key), value) || !before.contains(key)) {
                changes.put(key, value);
            }
        });
        before.values().keySet().stream()
                .filter(key -> !after.contains(key))
                .forEach(key -> changes.put(key, null));
        return changes;
    }

    public boolean isEmpty() {
        return email.isEmpty() && emailVerified.isEmpty() && password.isEmpty() && blocked.isEmpty()
                && userMetadata.isEmpty() && appMetadata.isEmpty();
    }

    /** Auth0 refuses a password together with an email change in one PATCH: the password goes alone, last. */
    public UserChanges withoutPassword() {
        return new UserChanges(email, emailVerified, Optional.empty(), blocked, userMetadata, appMetadata);
    }

    public UserChanges passwordOnly() {
        return new UserChanges(Optional.empty(), Optional.empty(), password, Optional.empty(), Map.of(), Map.of());
    }

    /** Names of the changed fields, for the audit trail: never values, so never a secret. */
    public List<String> changedFieldNames() {
        List<String> names = new ArrayList<>();
        email.ifPresent(e -> names.add("email"));
        emailVerified.ifPresent(v -> names.add("email_verified"));
        password.ifPresent(p -> names.add("password"));
        blocked.ifPresent(b -> names.add("blocked"));
        userMetadata.keySet().forEach(key -> names.add("user_metadata." + key));
        appMetadata.keySet().forEach(key -> names.add("app_metadata." + key));
        return names;
    }
}
