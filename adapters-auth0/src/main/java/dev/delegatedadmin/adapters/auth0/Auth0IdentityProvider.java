package dev.delegatedadmin.adapters.auth0;

import static dev.delegatedadmin.adapters.auth0.ManagementCalls.Kind.IDEMPOTENT;
import static dev.delegatedadmin.adapters.auth0.ManagementCalls.Kind.NOT_IDEMPOTENT;

import com.auth0.client.mgmt.ManagementApi;
import com.auth0.client.mgmt.core.SyncPagingIterable;
import com.auth0.client.mgmt.types.ConnectionForList;
import com.auth0.client.mgmt.types.CreateUserRequestContent;
import com.auth0.client.mgmt.types.ListConnectionsQueryParameters;
import com.auth0.client.mgmt.types.ListUsersByEmailRequestParameters;
import com.auth0.client.mgmt.types.ListUsersOffsetPaginatedResponseContent;
import com.auth0.client.mgmt.types.ListUsersRequestParameters;
import com.auth0.client.mgmt.types.SearchEngineVersionsEnum;
import com.auth0.client.mgmt.types.UpdateUserRequestContent;
import com.auth0.client.mgmt.types.UserResponseSchema;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.application.port.out.SearchUsers;
import dev.delegatedadmin.application.port.out.UnreadableUser;
import dev.delegatedadmin.application.port.out.UserPage;
import dev.delegatedadmin.application.port.out.UserSearch;
import dev.delegatedadmin.application.port.out.WriteUsers;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Users in an Auth0 tenant through the Management API: one long-lived SDK client, every call under our own
 * retry policy. Calls per operation (steady state, no faults): create 1 (plus 1 connection look-up per connection
 * per {@code connectionCacheTtl}), get 1, update 1 (2 when the password changes with other fields, 0 for no change),
 * list 1 (0 for an empty scope), delete 1.
 */
final class Auth0IdentityProvider implements LoadUsers, SearchUsers, WriteUsers {

    private static final String DATABASE_STRATEGY = "auth0";

    private final ManagementApi api;
    private final ManagementCalls calls;
    private final ConnectionCache connections;
    private final Optional<Auth0RbacRoles> rbacRoles;

    Auth0IdentityProvider(ManagementApi api, ManagementCalls calls, Clock clock, Duration connectionCacheTtl) {
        this(api, calls, clock, connectionCacheTtl, Optional.empty());
    }

    /** {@code rbacRoles}: ROLE_SOURCE=auth0_rbac, roles read with one more call per look-up by id. */
    Auth0IdentityProvider(ManagementApi api, ManagementCalls calls, Clock clock, Duration connectionCacheTtl,
                          Optional<Auth0RbacRoles> rbacRoles) {
        this.api = api;
        this.calls = calls;
        this.connections = new ConnectionCache(connectionCacheTtl, clock);
        this.rbacRoles = rbacRoles;
    }

    /** Login rules through the same client, token and retry policy. */
    Auth0LoginProvisioning loginProvisioning() {
        return new Auth0LoginProvisioning(api, calls);
    }

    // ------------------------------------------------------------------ create

    @Override
    public User create(NewUser user) {
        if (!isDatabaseConnection(user.connection())) {
            throw InvalidInputException.of("connection",
                    "Users can only be created in a database connection; '" + user.connection() + "' is not one.");
        }
        CreateUserRequestContent body = createBody(user);
        try {
            return calls.raw("create user", NOT_IDEMPOTENT, () -> Auth0Users.from(api.users().create(body)));
        } catch (ManagementCalls.CallFailure failure) {
            if (!failure.transientFailure()) {
                throw ManagementCalls.translate("create user", failure);
            }
            // The create may have happened before the 5xx or the timeout: look before sending it again.
            Optional<User> existing = findByEmail(user);
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                return calls.raw("create user", NOT_IDEMPOTENT, () -> Auth0Users.from(api.users().create(body)));
            } catch (ManagementCalls.CallFailure again) {
                throw ManagementCalls.translate("create user", again);
            }
        }
    }

    private static CreateUserRequestContent createBody(NewUser user) {
        // Exactly SPEC section 3: email, password, connection, user_metadata, app_metadata. No memberships.
        var builder = CreateUserRequestContent.builder()
                .connection(user.connection().value())
                .email(user.email().value())
                .userMetadata(new LinkedHashMap<>(user.userMetadata().values()))
                .appMetadata(new LinkedHashMap<>(user.appMetadata().values()));
        user.password().ifPresent(p -> builder.password(p.reveal()));
        return builder.build();
    }

    private Optional<User> findByEmail(NewUser user) {
        List<UserResponseSchema> found = calls.run("look up user by email", IDEMPOTENT,
                () -> api.users().listUsersByEmail(ListUsersByEmailRequestParameters.builder()
                        .email(user.email().value()).build()));
        return found.stream().map(Auth0Users::from)
                .filter(u -> u.connection().equals(user.connection()))
                .findFirst();
    }

    // ------------------------------------------------------------------ read

    @Override
    public Optional<User> findById(UserId id) {
        try {
            User user = calls.raw("get user", IDEMPOTENT, () -> Auth0Users.from(api.users().get(id.value())));
            return Optional.of(rbacRoles.isPresent() ? rbacRoles.get().withRoles(user) : user);
        } catch (ManagementCalls.CallFailure failure) {
            if (failure.status == 404) {
                return Optional.empty();
            }
            throw ManagementCalls.translate("get user", failure);
        }
    }

    @Override
    public UserPage search(UserSearch search) {
        if (search.scope().isEmpty() || search.department().map(d -> !search.scope().includes(d)).orElse(false)) {
            return new UserPage(List.of(), search.page(), search.perPage(),
                    search.includeTotals() ? OptionalLong.of(0) : OptionalLong.empty());
        }
        var params = ListUsersRequestParameters.builder()
                .page(search.page())
                .perPage(search.perPage())
                // Always: without totals Auth0 answers a bare array, which the SDK cannot read as a page.
                .includeTotals(true)
                .searchEngine(SearchEngineVersionsEnum.V3);
        LuceneQuery.of(search.scope(), search.department(), search.text()).ifPresent(params::q);
        ListUsersRequestParameters request = params.build();
        // One call: only this page is read, never the iterable (iterating fetches the next page, and can loop).
        SyncPagingIterable<UserResponseSchema> page = calls.run("search users", IDEMPOTENT,
                () -> api.users().list(request));
        List<User> users = new ArrayList<>();
        List<UnreadableUser> unreadable = new ArrayList<>();
        for (UserResponseSchema item : page.getItems()) {
            try {
                users.add(Auth0Users.from(item));
            } catch (IdentityProviderException cannotMap) {
                // One odd tenant user must not fail the page for everyone whose scope includes them.
                unreadable.add(new UnreadableUser(item.getUserId().orElse("unknown"), item.getEmail(), cannotMap.getMessage()));
            }
        }
        OptionalLong total = OptionalLong.empty();
        if (search.includeTotals()) {
            total = page.<ListUsersOffsetPaginatedResponseContent>getResponse()
                    .flatMap(ListUsersOffsetPaginatedResponseContent::getTotal)
                    .map(t -> OptionalLong.of(t.longValue()))
                    .orElse(OptionalLong.of(users.size() + unreadable.size()));
        }
        return new UserPage(users, search.page(), search.perPage(), total, unreadable);
    }

    // ------------------------------------------------------------------ write

    @Override
    public User update(UserId id, UserChanges changes) {
        if (changes.isEmpty()) {
            return findById(id).orElseThrow(() -> new NotFoundException("The user does not exist."));
        }
        var body = UpdateUserRequestContent.builder();
        changes.email().ifPresent(e -> body.email(e.value()));
        changes.emailVerified().ifPresent(body::emailVerified);
        changes.password().ifPresent(p -> body.password(p.reveal()));
        changes.blocked().ifPresent(body::blocked);
        if (!changes.userMetadata().isEmpty()) {
            body.userMetadata(new LinkedHashMap<>(changes.userMetadata()));
        }
        if (!changes.appMetadata().isEmpty()) {
            body.appMetadata(new LinkedHashMap<>(changes.appMetadata()));
        }
        UpdateUserRequestContent request = body.build();
        // A PATCH sets fields to values: sending it twice leaves the same user, so it is retried like a read.
        return calls.run("update user", IDEMPOTENT, () -> Auth0Users.from(api.users().update(id.value(), request)));
    }

    @Override
    public void delete(UserId id) {
        boolean[] attempted = {false};
        try {
            calls.raw("delete user", IDEMPOTENT, () -> {
                boolean retry = attempted[0];
                attempted[0] = true;
                try {
                    api.users().delete(id.value());
                } catch (com.auth0.client.mgmt.errors.NotFoundError e) {
                    if (!retry) {
                        throw e;
                    }
                    // A retried delete that finds nothing: the first attempt did it.
                }
                return null;
            });
        } catch (ManagementCalls.CallFailure failure) {
            throw ManagementCalls.translate("delete user", failure);
        }
    }

    // ------------------------------------------------------------------ connections

    @Override
    public boolean isDatabaseConnection(ConnectionName connection) {
        return connections.isDatabase(connection, name -> {
            SyncPagingIterable<ConnectionForList> found = calls.run("look up connection", IDEMPOTENT,
                    () -> api.connections().list(ListConnectionsQueryParameters.builder()
                            .name(name.value()).build()));
            return found.getItems().stream()
                    .filter(c -> c.getName().map(name.value()::equals).orElse(false))
                    .anyMatch(c -> c.getStrategy().map(DATABASE_STRATEGY::equals).orElse(false));
        });
    }
}
