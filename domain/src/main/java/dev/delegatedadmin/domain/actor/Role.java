package dev.delegatedadmin.domain.actor;

import java.util.Arrays;
import java.util.Optional;

/** Cumulative roles, as in Auth0's Delegated Administration extension: each includes those before it. */
public enum Role {
    /** Reads users in scope. */
    AUDITOR("auditor"),
    /** Also creates, updates, blocks and deletes users in scope. */
    USER_ADMIN("user-admin"),
    /** Also reads the audit trail. */
    OPERATOR("operator"),
    /** Also manages policies and configuration; never restricted to a department. */
    ADMINISTRATOR("administrator");

    private final String externalName;

    Role(String externalName) {
        this.externalName = externalName;
    }

    /** The name used in {@code app_metadata.roles} and in the API. */
    public String externalName() {
        return externalName;
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> fromExternalName(String name) {
        return Arrays.stream(values()).filter(r -> r.externalName.equals(name)).findFirst();
    }
}
