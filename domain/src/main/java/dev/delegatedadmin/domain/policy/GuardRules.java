package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Roles;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.user.User;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rule kinds that keep an actor from escaping their own limits: self-changes and peers of the same rank. */
public final class GuardRules {

    private GuardRules() {
    }

    /**
     * Nobody changes their own {@code blocked}, roles, department or memberships: a blocked or demoted actor whose
     * rights are still cached somewhere must not be able to undo it, and nobody grants themself a wider scope.
     */
    public record NoSelfChange(String id, String message) implements WriteRule {
        public static final List<String> FIELDS = List.of("blocked", "app_metadata." + User.ROLES_KEY,
                "app_metadata." + User.DEPARTMENT_KEY, FieldChange.MEMBERSHIPS);

        public NoSelfChange {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            boolean denied = !context.isCreate() && !context.isDelete() && context.targetsSelf()
                    && FIELDS.stream().anyMatch(field -> FieldChange.changes(field, context));
            return denied ? PolicyDecision.deny(id, message) : PolicyDecision.allow(profile);
        }
    }

    /** An actor cannot delete their own account (and with it the audit trail's actor). */
    public record NoSelfDelete(String id, String message) implements WriteRule {
        public NoSelfDelete {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            return context.isDelete() && context.targetsSelf()
                    ? PolicyDecision.deny(id, message) : PolicyDecision.allow(profile);
        }
    }

    /**
     * Changing the credentials of, blocking or deleting a user who holds any role needs a role strictly higher than
     * the target's highest: a user-admin cannot take over another user-admin, an operator another operator. The
     * top role is the exception: administrators may act on each other, or nobody could stop a rogue one (and they
     * own the policy anyway). {@code actions}: {@code email}, {@code password}, {@code blocked}, {@code delete}.
     * One's own account is the self-change rules' business.
     */
    public record HigherRoleRequired(String id, String message, Set<String> actions) implements WriteRule {
        public static final Set<String> ACTIONS = Set.of("email", "password", "blocked", "delete");

        public HigherRoleRequired {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
            actions = Set.copyOf(actions);
            if (actions.isEmpty() || !ACTIONS.containsAll(actions)) {
                throw new InvalidValueException("actions", "One or more of delete, email, password, blocked.");
            }
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            if (context.isCreate() || context.targetsSelf()) {
                return PolicyDecision.allow(profile);
            }
            Optional<Role> targetTop = Roles.highest(Roles.of(context.originalUser().orElseThrow()));
            boolean touched = context.isDelete() ? actions.contains("delete")
                    : actions.stream().filter(a -> !a.equals("delete")).anyMatch(a -> FieldChange.changes(a, context));
            if (targetTop.isEmpty() || !touched) {
                return PolicyDecision.allow(profile);
            }
            Optional<Role> actorTop = context.actor().highestRole();
            boolean permitted = actorTop.map(top -> top == Role.ADMINISTRATOR || top.compareTo(targetTop.get()) > 0)
                    .orElse(false);
            return permitted ? PolicyDecision.allow(profile) : PolicyDecision.deny(id, message);
        }
    }
}
