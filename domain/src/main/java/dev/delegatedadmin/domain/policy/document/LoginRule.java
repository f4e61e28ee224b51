package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.department.Department;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A post-login provisioning rule (SPEC section 6): when the condition holds, one action. Validated here; the
 * post-login issue runs them.
 */
public record LoginRule(String id, Condition when, Action action) {

    public LoginRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(action, "action");
    }

    /** Every given part must hold; an empty condition always holds. */
    public record Condition(Optional<Boolean> firstLogin, Set<String> connections, Set<Department> departments) {
        public static final Condition ALWAYS = new Condition(Optional.empty(), Set.of(), Set.of());

        public Condition {
            Objects.requireNonNull(firstLogin, "firstLogin");
            connections = Set.copyOf(connections);
            departments = Set.copyOf(departments);
        }
    }

    public sealed interface Action {
    }

    /** Seed 003: add the user to an Auth0 Organization, when the login's connection is enabled for it. */
    public record AssignOrganization(String organizationId) implements Action {
        public AssignOrganization {
            Objects.requireNonNull(organizationId, "organizationId");
        }
    }

    /** Seed 004: assign IdP roles (e.g. {@code rol_basic}). */
    public record AssignRoles(List<String> roles) implements Action {
        public AssignRoles {
            roles = List.copyOf(roles);
        }
    }

    /** Seed 004, method 1: keys for the Action to set with {@code api.user.setAppMetadata}. */
    public record SetAppMetadata(Map<String, Object> values) implements Action {
        public SetAppMetadata {
            values = Map.copyOf(values);
        }
    }
}
