package dev.delegatedadmin.domain.login;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful login, as Auth0's post-login trigger or the local {@code /session} reports it (SPEC section 6).
 * {@code loginsCount} counts this login: 1 is the first.
 */
public record LoginEvent(UserId userId, Optional<String> email, Metadata appMetadata, Connection connection,
                         Optional<String> organizationId, long loginsCount) {

    /** The connection the user logged in with: Auth0's {@code con_…} id, its name and its strategy. */
    public record Connection(String id, String name, String strategy) {
        public Connection {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(strategy, "strategy");
        }
    }

    public LoginEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(appMetadata, "appMetadata");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(organizationId, "organizationId");
        if (loginsCount < 1) {
            throw new IllegalArgumentException("A login counts at least itself.");
        }
    }

    public boolean firstLogin() {
        return loginsCount == 1;
    }

    /** As for a user: {@code app_metadata.department} when it is a string. */
    public Optional<Department> department() {
        return appMetadata.get(User.DEPARTMENT_KEY)
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .filter(name -> !name.isBlank())
                .flatMap(name -> {
                    try {
                        return Optional.of(new Department(name));
                    } catch (RuntimeException notADepartmentName) {
                        return Optional.empty();
                    }
                });
    }
}
