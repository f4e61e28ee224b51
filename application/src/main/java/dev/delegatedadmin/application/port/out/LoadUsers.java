package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Optional;

/**
 * One user by id from the directory (Auth0's Management API or the local directory): what actor resolution and
 * every read or write of one user needs. Throws {@code IdentityProviderException} when the IdP fails.
 */
public interface LoadUsers {

    /** Empty when the IdP has no such user. */
    Optional<User> findById(UserId id);
}
