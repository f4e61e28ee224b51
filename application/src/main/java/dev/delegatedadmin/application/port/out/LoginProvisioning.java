package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.user.UserId;
import java.util.List;
import java.util.Map;

/**
 * What an IdP does for login rules. Failures are {@code ApplicationException}s (mostly
 * {@code IdentityProviderException}); every method is safe to repeat.
 */
public interface LoginProvisioning {

    /** Whether users of {@code connectionId} may be members of {@code organizationId}; false for an unknown one. */
    boolean isConnectionEnabled(String organizationId, String connectionId);

    /** Adds the user to the organization; a user who already is a member is success. */
    void addOrganizationMember(String organizationId, UserId user);

    /** Assigns the IdP roles (ids such as {@code rol_basic}); roles the user already has stay as they are. */
    void assignRoles(UserId user, List<String> roleIds);

    /** First-level merge into {@code app_metadata} (the local door; with Auth0 the Action does it). */
    void mergeAppMetadata(UserId user, Map<String, Object> values);
}
