package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Optional;

/**
 * The user directory: Auth0's Management API, or the local directory. Implementations throw
 * {@code ConflictException} for a taken email, {@code InvalidInputException} for a payload the IdP
 * refuses, {@code NotFoundException} for an unknown id on update/delete, and
 * {@code IdentityProviderException} when the IdP fails.
 */
public interface IdentityProvider {

    User create(NewUser user);

    Optional<User> findById(UserId id);

    /** The scope in the search is a filter of the query itself, never applied after fetching. */
    UserPage search(UserSearch search);

    /** One write with exactly these changes; the caller splits what the IdP cannot take together. */
    User update(UserId id, UserChanges changes);

    void delete(UserId id);

    /** Auth0 creates users only in database connections. */
    boolean isDatabaseConnection(ConnectionName connection);
}
