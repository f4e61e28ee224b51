package dev.delegatedadmin.adapters.auth0;

import com.auth0.client.mgmt.types.CreateUserResponseContent;
import com.auth0.client.mgmt.types.GetUserResponseContent;
import com.auth0.client.mgmt.types.UpdateUserResponseContent;
import com.auth0.client.mgmt.types.UserDateSchema;
import com.auth0.client.mgmt.types.UserIdentitySchema;
import com.auth0.client.mgmt.types.UserResponseSchema;
import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Auth0's user objects (the SDK's types) to the domain's {@link User}, by hand. The SDK generates one class per
 * endpoint for the same JSON object; they are read through the same accessors.
 */
final class Auth0Users {

    private Auth0Users() {
    }

    static User from(UserResponseSchema u) {
        return user(u.getUserId(), u.getEmail(), u.getIdentities(), u.getEmailVerified(), u.getBlocked(),
                u.getUserMetadata(), u.getAppMetadata(), u.getCreatedAt(), u.getUpdatedAt(), u.getLoginsCount(),
                u.getLastLogin());
    }

    static User from(GetUserResponseContent u) {
        return user(u.getUserId(), u.getEmail(), u.getIdentities(), u.getEmailVerified(), u.getBlocked(),
                u.getUserMetadata(), u.getAppMetadata(), u.getCreatedAt(), u.getUpdatedAt(), u.getLoginsCount(),
                u.getLastLogin());
    }

    static User from(CreateUserResponseContent u) {
        return user(u.getUserId(), u.getEmail(), u.getIdentities(), u.getEmailVerified(), u.getBlocked(),
                u.getUserMetadata(), u.getAppMetadata(), u.getCreatedAt(), u.getUpdatedAt(), u.getLoginsCount(),
                u.getLastLogin());
    }

    static User from(UpdateUserResponseContent u) {
        return user(u.getUserId(), u.getEmail(), u.getIdentities(), u.getEmailVerified(), u.getBlocked(),
                u.getUserMetadata(), u.getAppMetadata(), u.getCreatedAt(), u.getUpdatedAt(), u.getLoginsCount(),
                u.getLastLogin());
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static User user(Optional<String> userId, Optional<String> email, Optional<List<UserIdentitySchema>> identities,
                             Optional<Boolean> emailVerified, Optional<Boolean> blocked,
                             Optional<Map<String, Object>> userMetadata, Optional<Map<String, Object>> appMetadata,
                             Optional<UserDateSchema> createdAt, Optional<UserDateSchema> updatedAt,
                             Optional<Integer> loginsCount, Optional<UserDateSchema> lastLogin) {
        try {
            Instant created = instant(createdAt).orElse(Instant.EPOCH);
            return new User(
                    new UserId(userId.orElseThrow(() -> unexpected("a user without user_id"))),
                    new Email(email.orElseThrow(() -> unexpected("a user without email"))),
                    new ConnectionName(identities.flatMap(list -> list.stream().findFirst())
                            .flatMap(UserIdentitySchema::getConnection)
                            .orElseThrow(() -> unexpected("a user without a connection"))),
                    emailVerified.orElse(false),
                    blocked.orElse(false),
                    new Metadata(userMetadata.orElse(Map.of())),
                    new Metadata(appMetadata.orElse(Map.of())),
                    created,
                    instant(updatedAt).orElse(created),
                    loginsCount.orElse(0),
                    instant(lastLogin));
        } catch (InvalidValueException e) {
            throw unexpected("a user the product cannot represent (" + e.getMessage() + ")");
        }
    }

    private static Optional<Instant> instant(Optional<UserDateSchema> date) {
        return date.map(UserDateSchema::get)
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .flatMap(text -> {
                    try {
                        return Optional.of(Instant.parse(text));
                    } catch (DateTimeParseException e) {
                        return Optional.empty();
                    }
                });
    }

    private static IdentityProviderException unexpected(String what) {
        return new IdentityProviderException("The identity provider returned " + what + ".", false, Optional.empty(),
                null);
    }
}
