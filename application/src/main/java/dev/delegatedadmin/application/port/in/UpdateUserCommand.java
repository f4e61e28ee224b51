package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Objects;

/** A merge patch: only the fields present in {@code patch} are to change. */
public record UpdateUserCommand(Caller caller, UserId userId, WritePayload patch) {

    public UpdateUserCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(patch, "patch");
    }
}
