package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Roles;
import dev.delegatedadmin.domain.user.User;
import java.util.Optional;

/** Deleting is not a write of a profile, but it has its own guards. Scope is checked before (404). */
public final class DeletePolicy {

    public static final String NO_SELF_DELETE = "You cannot delete yourself.";

    private DeletePolicy() {
    }

    public static Optional<PolicyDecision.Denied> check(Actor actor, User target) {
        if (actor.isSelf(target.id())) {
            return Optional.of(new PolicyDecision.Denied("no-self-delete", NO_SELF_DELETE));
        }
        if (WriteRules.TargetRoleNotAboveActor.outranks(Roles.of(target), actor.roles())) {
            return Optional.of(new PolicyDecision.Denied("higher-role-protected", WritePolicy.HIGHER_ROLE_PROTECTED));
        }
        return Optional.empty();
    }
}
