package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import java.util.List;

public interface WhoAmIUseCase {

    record ActorProfile(Actor actor, Scope scope, List<Department> assignableMemberships) {
        public ActorProfile {
            assignableMemberships = List.copyOf(assignableMemberships);
        }
    }

    ActorProfile whoAmI(Actor actor);

    /** The departments the actor may put users in: none for a read-only actor. */
    List<Department> assignableMemberships(Actor actor);
}
