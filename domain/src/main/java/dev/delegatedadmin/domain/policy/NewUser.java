package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.Password;
import java.util.Objects;
import java.util.Optional;

/** The profile a create sends to the IdP: the seed's {@code newProfile}, after the policy. */
public record NewUser(
        Email email,
        Optional<Password> password,
        ConnectionName connection,
        Metadata userMetadata,
        Metadata appMetadata) {

    public NewUser {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(userMetadata, "userMetadata");
        Objects.requireNonNull(appMetadata, "appMetadata");
    }

    public static NewUser from(Profile profile) {
        return new NewUser(
                profile.email().orElseThrow(() -> new IllegalStateException("A new user needs an email.")),
                profile.password(),
                profile.connection().orElse(ConnectionName.DEFAULT_DATABASE),
                profile.userMetadata(),
                profile.appMetadata());
    }
}
