package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.policy.Profile;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.policy.WriteMethod;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.user.User;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A dry run of the active write policy: nothing is written, the IdP is not called. Administrators only. */
public interface SimulatePolicyUseCase {

    record SimulationCommand(Caller caller, Actor actor, WriteMethod method, WritePayload payload,
                             Optional<User> originalUser) {
        public SimulationCommand {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(originalUser, "originalUser");
        }
    }

    sealed interface Simulation {
        long policyVersion();
    }

    /** The write would be refused (403) by {@code rule}. */
    record Denied(long policyVersion, String rule, String message) implements Simulation {
    }

    /** The input would be refused (400) before any rule runs: unknown departments, custom field errors. */
    record Invalid(long policyVersion, List<FieldError> errors) implements Simulation {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** The profile that would be sent; on update also only what would change. */
    record Allowed(long policyVersion, Profile profile, Optional<UserChanges> changes) implements Simulation {
    }

    Simulation simulate(SimulationCommand command);
}
