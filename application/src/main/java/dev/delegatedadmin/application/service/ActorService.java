package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.port.in.ResolveActorUseCase;
import dev.delegatedadmin.application.port.in.WhoAmIUseCase;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Who the caller is, what they may see, and which departments they may assign. */
public final class ActorService implements ResolveActorUseCase, WhoAmIUseCase {

    private final LoadUsers users;
    private final LoadUsers writeActors;
    private final PolicyStore policyStore;

    public ActorService(LoadUsers users, PolicyStore policyStore) {
        this(users, users, policyStore);
    }

    /** {@code writeActors}: how write requests read the actor (e.g. a cache with a shorter bound). */
    public ActorService(LoadUsers users, LoadUsers writeActors, PolicyStore policyStore) {
        this.users = users;
        this.writeActors = writeActors;
        this.policyStore = policyStore;
    }

    @Override
    public Optional<Actor> resolve(UserId subject) {
        return actor(users, subject);
    }

    @Override
    public Optional<Actor> resolveForWrite(UserId subject) {
        return actor(writeActors, subject);
    }

    private static Optional<Actor> actor(LoadUsers source, UserId subject) {
        return source.findById(subject)
                .filter(user -> !user.blocked())
                .map(Actor::from);
    }

    @Override
    public ActorProfile whoAmI(Actor actor) {
        DepartmentSettings departments = policyStore.activePolicy().departments();
        return new ActorProfile(actor, Scope.of(actor, departments), assignable(actor, departments));
    }

    @Override
    public List<Department> assignableMemberships(Actor actor) {
        return assignable(actor, policyStore.activePolicy().departments());
    }

    private static List<Department> assignable(Actor actor, DepartmentSettings departments) {
        if (!actor.has(Role.USER_ADMIN)) {
            return List.of();
        }
        Scope scope = Scope.of(actor, departments);
        return departments.known().stream().filter(scope::includes).sorted().toList();
    }
}
