package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.actor.Actor;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling, and the request id that ties their call to its audit rows (the service's own), plus the id the
 * client sent, if any, which is recorded beside it and never in its place.
 */
public record Caller(Actor actor, Optional<String> requestId, Optional<String> clientRequestId) {

    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(clientRequestId, "clientRequestId");
    }

    public Caller(Actor actor, Optional<String> requestId) {
        this(actor, requestId, Optional.empty());
    }
}
