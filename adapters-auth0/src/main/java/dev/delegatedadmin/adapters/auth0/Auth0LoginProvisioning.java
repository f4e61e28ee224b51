package dev.delegatedadmin.adapters.auth0;

import static dev.delegatedadmin.adapters.auth0.ManagementCalls.Kind.IDEMPOTENT;

import com.auth0.client.mgmt.ManagementApi;
import com.auth0.client.mgmt.organizations.types.CreateOrganizationMemberRequestContent;
import com.auth0.client.mgmt.types.UpdateUserRequestContent;
import com.auth0.client.mgmt.users.types.AssignUserRolesRequestContent;
import dev.delegatedadmin.application.port.out.LoginProvisioning;
import dev.delegatedadmin.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Login rules with Auth0 (seeds 003 and 004), through the same SDK client and retry policy as the users. Adding a
 * member and assigning roles are set additions at Auth0 (a repeat changes nothing), so they are retried like reads.
 * Calls: connection check 1, add member 1, assign roles 1.
 */
final class Auth0LoginProvisioning implements LoginProvisioning {

    private final ManagementApi api;
    private final ManagementCalls calls;

    Auth0LoginProvisioning(ManagementApi api, ManagementCalls calls) {
        this.api = api;
        this.calls = calls;
    }

    /** {@code GET /organizations/{id}/enabled_connections/{connectionId}}: 404 means not enabled (or no such org). */
    @Override
    public boolean isConnectionEnabled(String organizationId, String connectionId) {
        try {
            calls.raw("get organization connection", IDEMPOTENT,
                    () -> api.organizations().enabledConnections().get(organizationId, connectionId));
            return true;
        } catch (ManagementCalls.CallFailure failure) {
            if (failure.status == 404) {
                return false;
            }
            throw ManagementCalls.translate("get organization connection", failure);
        }
    }

    /** {@code POST /organizations/{id}/members} with {@code {members: [user_id]}}; Auth0 accepts an existing member. */
    @Override
    public void addOrganizationMember(String organizationId, UserId user) {
        CreateOrganizationMemberRequestContent body = CreateOrganizationMemberRequestContent.builder()
                .members(List.of(user.value())).build();
        calls.run("add organization member", IDEMPOTENT, () -> {
            api.organizations().members().create(organizationId, body);
            return null;
        });
    }

    /** {@code POST /users/{id}/roles} with {@code {roles: [...]}}. */
    @Override
    public void assignRoles(UserId user, List<String> roleIds) {
        AssignUserRolesRequestContent body = AssignUserRolesRequestContent.builder().roles(List.copyOf(roleIds)).build();
        calls.run("assign roles", IDEMPOTENT, () -> {
            api.users().roles().assign(user.value(), body);
            return null;
        });
    }

    /** Not used by the webhook (the Action sets metadata itself); a PATCH, as for any update. */
    @Override
    public void mergeAppMetadata(UserId user, Map<String, Object> values) {
        UpdateUserRequestContent body = UpdateUserRequestContent.builder().appMetadata(new LinkedHashMap<>(values))
                .build();
        calls.run("update user", IDEMPOTENT, () -> api.users().update(user.value(), body));
    }
}
