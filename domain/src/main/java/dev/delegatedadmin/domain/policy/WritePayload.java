package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.Password;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller asked for ({@code ctx.payload}): on create the new user, on update only the fields
 * present in the merge patch. An empty Optional means "not given".
 */
public record WritePayload(
        Optional<Email> email,
        Optional<Password> password,
        Optional<ConnectionName> connection,
        MetadataPatch userMetadata,
        MetadataPatch appMetadata,
        Optional<List<Department>> memberships,
        Optional<Boolean> blocked) {

    public static final int MAX_MEMBERSHIPS = 20;

    public WritePayload {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(userMetadata, "userMetadata");
        Objects.requireNonNull(appMetadata, "appMetadata");
        Objects.requireNonNull(memberships, "memberships");
        Objects.requireNonNull(blocked, "blocked");
        memberships = memberships.map(List::copyOf);
    }

    public static WritePayload empty() {
        return new WritePayload(Optional.empty(), Optional.empty(), Optional.empty(),
                MetadataPatch.NONE, MetadataPatch.NONE, Optional.empty(), Optional.empty());
    }

    public WritePayload withEmail(Email value) {
        return new WritePayload(Optional.of(value), password, connection, userMetadata, appMetadata, memberships, blocked);
    }

    public WritePayload withPassword(Password value) {
        return new WritePayload(email, Optional.of(value), connection, userMetadata, appMetadata, memberships, blocked);
    }

    public WritePayload withConnection(ConnectionName value) {
        return new WritePayload(email, password, Optional.of(value), userMetadata, appMetadata, memberships, blocked);
    }

    public WritePayload withUserMetadata(MetadataPatch value) {
        return new WritePayload(email, password, connection, value, appMetadata, memberships, blocked);
    }

    public WritePayload withAppMetadata(MetadataPatch value) {
        return new WritePayload(email, password, connection, userMetadata, value, memberships, blocked);
    }

    public WritePayload withMemberships(List<Department> value) {
        return new WritePayload(email, password, connection, userMetadata, appMetadata, Optional.of(value), blocked);
    }

    public WritePayload withBlocked(boolean value) {
        return new WritePayload(email, password, connection, userMetadata, appMetadata, memberships, Optional.of(value));
    }

    /** The first membership is the primary one and becomes {@code app_metadata.department}. */
    public Optional<Department> primaryMembership() {
        return memberships.filter(list -> !list.isEmpty()).map(List::getFirst);
    }
}
