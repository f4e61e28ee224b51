package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.user.User;
import java.util.Objects;
import java.util.Optional;

/** Everything a rule may look at: the seed's {@code ctx}, plus the actor's computed scope. */
public record WriteContext(
        WriteMethod method,
        Actor actor,
        Scope scope,
        WritePayload payload,
        Optional<User> originalUser,
        ConnectionFacts connections) {

    public WriteContext {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(originalUser, "originalUser");
        Objects.requireNonNull(connections, "connections");
        if (method != WriteMethod.CREATE && originalUser.isEmpty()) {
            throw new IllegalArgumentException("An update or a delete needs the original user.");
        }
    }

    public boolean isCreate() {
        return method == WriteMethod.CREATE;
    }

    public boolean isDelete() {
        return method == WriteMethod.DELETE;
    }

    /** The write is about the actor's own account. */
    public boolean targetsSelf() {
        return originalUser.map(user -> actor.isSelf(user.id())).orElse(false);
    }
}
