package dev.delegatedadmin.adapters.auth0;

import static dev.delegatedadmin.adapters.auth0.ManagementCalls.Kind.IDEMPOTENT;

import com.auth0.client.mgmt.ManagementApi;
import com.auth0.client.mgmt.users.types.ListUserRolesRequestParameters;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.User;
import java.util.List;
import java.util.Optional;

/**
 * ROLE_SOURCE=auth0_rbac: a user's roles are their Auth0 RBAC roles ({@code GET /users/{id}/roles}), mapped by name
 * to this product's roles (other names are ignored), and stand in {@code app_metadata.roles} of the user this
 * adapter returns from {@code findById}, so that actors and targets are judged from the same source. A failed read
 * fails the whole look-up (503): a user whose roles are unknown is never taken for a plain user.
 */
final class Auth0RbacRoles {

    /** Auth0 allows at most 50 roles per page; this product knows four. */
    private static final int PER_PAGE = 50;

    private final ManagementApi api;
    private final ManagementCalls calls;

    Auth0RbacRoles(ManagementApi api, ManagementCalls calls) {
        this.api = api;
        this.calls = calls;
    }

    User withRoles(User user) throws ManagementCalls.CallFailure {
        // Only the first page is read, never the SDK's paging iterable (iterating fetches further pages).
        List<String> names = calls.raw("get user roles", IDEMPOTENT, () -> api.users().roles().list(user.id().value(),
                        ListUserRolesRequestParameters.builder().page(0).perPage(PER_PAGE).includeTotals(true).build()))
                .getItems().stream()
                .map(role -> role.getName().orElse(""))
                .filter(name -> Role.fromExternalName(name).isPresent())
                .distinct().sorted().toList();
        Metadata app = user.appMetadata().with(User.ROLES_KEY, names);
        return new User(user.id(), user.email(), user.connection(), user.emailVerified(), user.blocked(),
                user.userMetadata(), app, user.createdAt(), user.updatedAt(), user.loginsCount(), user.lastLogin());
    }

    static Optional<Auth0RbacRoles> of(String roleSource, ManagementApi api, ManagementCalls calls) {
        return switch (roleSource) {
            case "app_metadata" -> Optional.empty();
            case "auth0_rbac" -> Optional.of(new Auth0RbacRoles(api, calls));
            default -> throw new IllegalStateException(
                    "ROLE_SOURCE must be 'app_metadata' or 'auth0_rbac', not '" + roleSource + "'.");
        };
    }
}
