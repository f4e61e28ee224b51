package dev.delegatedadmin.domain.user;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A user as the IdP stores it. There is no password here: it only ever passes through. */
public record User(
        UserId id,
        Email email,
        ConnectionName connection,
        boolean emailVerified,
        boolean blocked,
        Metadata userMetadata,
        Metadata appMetadata,
        Instant createdAt,
        Instant updatedAt,
        long loginsCount,
        Optional<Instant> lastLogin) {

    public static final String DEPARTMENT_KEY = "department";
    public static final String ROLES_KEY = "roles";

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(userMetadata, "userMetadata");
        Objects.requireNonNull(appMetadata, "appMetadata");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastLogin, "lastLogin");
    }

    /** {@code app_metadata.department}, when it holds a valid department name. */
    public Optional<Department> department() {
        return appMetadata.get(DEPARTMENT_KEY)
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .flatMap(User::departmentOrEmpty);
    }

    private static Optional<Department> departmentOrEmpty(String name) {
        try {
            return Optional.of(new Department(name));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }
}
