package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;

/**
 * Changes to the directory. Implementations throw {@code ConflictException} for a taken email,
 * {@code InvalidInputException} for a payload the IdP refuses, {@code NotFoundException} for an unknown id on
 * update/delete, and {@code IdentityProviderException} when the IdP fails.
 */
public interface WriteUsers {

    User create(NewUser user);

    /** One write with exactly these changes; the caller splits what the IdP cannot take together. */
    User update(UserId id, UserChanges changes);

    void delete(UserId id);

    /**
     * Where users can be written: Auth0 creates users only in database connections. Here, not in a port of its own,
     * because only the write rules ask it, and an IdP that writes users always knows it.
     */
    boolean isDatabaseConnection(ConnectionName connection);
}
