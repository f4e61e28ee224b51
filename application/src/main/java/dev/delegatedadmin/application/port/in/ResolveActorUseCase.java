package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Optional;

public interface ResolveActorUseCase {

    /**
     * The actor behind a verified token's subject, as the IdP knows them now (department and roles are read
     * fresh, so a moved or blocked administrator loses their rights at once). Empty when unknown or blocked.
     */
    Optional<Actor> resolve(UserId subject);
}
