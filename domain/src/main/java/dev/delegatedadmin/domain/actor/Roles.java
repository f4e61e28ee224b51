package dev.delegatedadmin.domain.actor;

import dev.delegatedadmin.domain.user.User;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a user's roles from {@code app_metadata.roles}; names this product does not know are ignored. */
public final class Roles {

    private Roles() {
    }

    public static Set<Role> of(User user) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        user.appMetadata().get(User.ROLES_KEY).ifPresent(value -> {
            if (value instanceof List<?> names) {
                names.stream()
                        .filter(String.class::isInstance)
                        .map(String.class::cast)
                        .map(Role::fromExternalName)
                        .flatMap(Optional::stream)
                        .forEach(roles::add);
            }
        });
        return roles;
    }

    public static Optional<Role> highest(Set<Role> roles) {
        return roles.stream().max(Enum::compareTo);
    }
}
