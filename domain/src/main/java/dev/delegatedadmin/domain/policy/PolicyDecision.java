package dev.delegatedadmin.domain.policy;

import java.util.Objects;

/** A rule's answer: allow with the profile as it now stands, or deny with the rule's id and message. */
public sealed interface PolicyDecision {

    record Allowed(Profile profile) implements PolicyDecision {
        public Allowed {
            Objects.requireNonNull(profile, "profile");
        }
    }

    record Denied(String rule, String message) implements PolicyDecision {
        public Denied {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
        }
    }

    static PolicyDecision allow(Profile profile) {
        return new Allowed(profile);
    }

    static PolicyDecision deny(String rule, String message) {
        return new Denied(rule, message);
    }
}
