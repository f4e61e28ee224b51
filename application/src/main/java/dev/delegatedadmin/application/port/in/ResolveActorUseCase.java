package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Optional;

public interface ResolveActorUseCase {

    /**
     * The actor behind a verified token's subject, as the IdP knows them now (department and roles are read
     * fresh, or through a short cache that every write through the service evicts). Empty when unknown or blocked.
     */
    Optional<Actor> resolve(UserId subject);

    /** The same for a write request (POST, PUT, PATCH, DELETE): read again unless the cached copy is very recent. */
    Optional<Actor> resolveForWrite(UserId subject);
}
