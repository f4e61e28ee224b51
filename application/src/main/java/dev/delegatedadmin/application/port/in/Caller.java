package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.actor.Actor;
import java.util.Objects;
import java.util.Optional;

/** Who is calling, and the request id that ties their call to its audit rows. */
public record Caller(Actor actor, Optional<String> requestId) {

    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestId, "requestId");
    }
}
