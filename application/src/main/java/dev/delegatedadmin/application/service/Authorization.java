package dev.delegatedadmin.application.service;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import java.util.Optional;

/** The role check every use case starts with. */
final class Authorization {

    static final String ROLE_REQUIRED = "role-required";

    private Authorization() {
    }

    static Optional<String> missingRole(Actor actor, Role required) {
        return actor.has(required)
                ? Optional.empty()
                : Optional.of("This action requires the role " + required.externalName() + ".");
    }
}
