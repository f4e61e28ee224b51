package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.policy.WritePayload;
import java.util.Objects;

/** The new user as the caller sent it: email, password, connection, metadata, memberships. */
public record CreateUserCommand(Caller caller, WritePayload payload) {

    public CreateUserCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(payload, "payload");
    }
}
