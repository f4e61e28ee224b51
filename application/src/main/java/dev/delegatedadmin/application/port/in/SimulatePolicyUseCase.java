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

    /**
     * The dry run's answer, for the active {@code policyVersion}: {@code DENIED} (a 403 by {@code rule}),
     * {@code INVALID} (a 400 before any rule: unknown departments, custom field errors) or {@code ALLOWED} with the
     * profile that would be sent and, on update, only what would change.
     */
    record Simulation(long policyVersion, Verdict verdict, Optional<String> rule, Optional<String> message,
                      List<FieldError> errors, Optional<Profile> profile, Optional<UserChanges> changes) {

        public enum Verdict {
            ALLOWED, DENIED, INVALID
        }

        public Simulation {
            Objects.requireNonNull(verdict, "verdict");
            errors = List.copyOf(errors);
            boolean consistent = switch (verdict) {
                case ALLOWED -> profile.isPresent() && rule.isEmpty() && errors.isEmpty();
                case DENIED -> rule.isPresent() && message.isPresent() && profile.isEmpty();
                case INVALID -> !errors.isEmpty() && profile.isEmpty() && rule.isEmpty();
            };
            if (!consistent) {
                throw new IllegalArgumentException("Inconsistent simulation " + verdict);
            }
        }

        public static Simulation denied(long version, String rule, String message) {
            return new Simulation(version, Verdict.DENIED, Optional.of(rule), Optional.of(message), List.of(),
                    Optional.empty(), Optional.empty());
        }

        public static Simulation invalid(long version, List<FieldError> errors) {
            return new Simulation(version, Verdict.INVALID, Optional.empty(), Optional.empty(), errors,
                    Optional.empty(), Optional.empty());
        }

        public static Simulation allowed(long version, Profile profile, Optional<UserChanges> changes) {
            return new Simulation(version, Verdict.ALLOWED, Optional.empty(), Optional.empty(), List.of(),
                    Optional.of(profile), changes);
        }
    }

    Simulation simulate(SimulationCommand command);
}
