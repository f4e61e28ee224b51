package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.login.LoginEvent;
import dev.delegatedadmin.domain.login.LoginTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A post-login provisioning rule (SPEC section 6): when the condition holds, one action. Validated here; the
 * application runs them in order for every login.
 */
public record LoginRule(String id, Condition when, Action action) {

    /**
     * Whether this rule applies to {@code event}. {@code retrying}: an earlier attempt failed at the IdP, so the
     * rule is retried even though this is no longer the first login (every other part of the condition must hold).
     */
    public boolean applies(LoginEvent event, boolean retrying) {
        return when.holds(event, retrying);
    }

    public LoginRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(action, "action");
    }

    /** Every given part must hold; an empty condition always holds. */
    public record Condition(Optional<Boolean> firstLogin, Set<String> connections, Set<String> strategies,
                            Set<Department> departments) {
        public static final Condition ALWAYS = new Condition(Optional.empty(), Set.of(), Set.of(), Set.of());

        public Condition {
            Objects.requireNonNull(firstLogin, "firstLogin");
            connections = Set.copyOf(connections);
            strategies = Set.copyOf(strategies);
            departments = Set.copyOf(departments);
        }

        boolean holds(LoginEvent event, boolean retrying) {
            boolean firstLoginHolds = firstLogin.map(wanted -> (retrying && wanted) || wanted == event.firstLogin())
                    .orElse(true);
            return firstLoginHolds
                    && (connections.isEmpty() || connections.contains(event.connection().name()))
                    && (strategies.isEmpty() || strategies.contains(event.connection().strategy()))
                    && (departments.isEmpty() || event.department().map(departments::contains).orElse(false));
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
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** The values for this login (templates resolved) that differ from what the user already has. */
        public Map<String, Object> changesFor(LoginEvent event) {
            Map<String, Object> changes = new LinkedHashMap<>();
            values.forEach((key, value) -> {
                Object resolved = LoginTemplate.resolve(value, event);
                if (!event.appMetadata().get(key).map(resolved::equals).orElse(false)) {
                    changes.put(key, resolved);
                }
            });
            return changes;
        }
    }
}
