package dev.delegatedadmin.domain.actor;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The administrator making a request ({@code ctx.request.user} in the seed). */
public record Actor(UserId id, String email, Optional<Department> department, Set<Role> roles) {

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(roles, "roles");
        roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    /** The actor as the IdP knows them now: department and roles from {@code app_metadata}. */
    public static Actor from(User user) {
        return new Actor(user.id(), user.email().value(), user.department(), Roles.of(user));
    }

    /** Roles are cumulative: an operator has everything a user-admin has. */
    public boolean has(Role required) {
        return roles.stream().anyMatch(r -> r.includes(required));
    }

    public Optional<Role> highestRole() {
        return Roles.highest(roles);
    }

    public boolean isSelf(UserId other) {
        return id.equals(other);
    }
}
