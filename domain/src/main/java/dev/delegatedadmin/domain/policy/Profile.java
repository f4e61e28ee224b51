package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.Password;
import java.util.Objects;
import java.util.Optional;

/** The user as it would be after the write: what the rules shape, step by step. */
public record Profile(
        Optional<Email> email,
        Optional<Password> password,
        Optional<ConnectionName> connection,
        Metadata userMetadata,
        Metadata appMetadata,
        boolean blocked) {

    public Profile {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(userMetadata, "userMetadata");
        Objects.requireNonNull(appMetadata, "appMetadata");
    }

    public Profile withConnection(ConnectionName value) {
        return new Profile(email, password, Optional.of(value), userMetadata, appMetadata, blocked);
    }

    public Profile withUserMetadata(Metadata value) {
        return new Profile(email, password, connection, value, appMetadata, blocked);
    }

    public Profile withAppMetadata(Metadata value) {
        return new Profile(email, password, connection, userMetadata, value, blocked);
    }

    public Metadata metadata(MetadataKind kind) {
        return kind == MetadataKind.USER_METADATA ? userMetadata : appMetadata;
    }

    public Profile withMetadata(MetadataKind kind, Metadata value) {
        return kind == MetadataKind.USER_METADATA ? withUserMetadata(value) : withAppMetadata(value);
    }
}
