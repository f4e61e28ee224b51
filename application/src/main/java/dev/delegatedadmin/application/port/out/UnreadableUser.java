package dev.delegatedadmin.application.port.out;

import java.util.Objects;
import java.util.Optional;

/**
 * A user the IdP listed but the product cannot represent (e.g. 101 metadata keys, no email): reported beside
 * the page with what could be read, so that one such user does not fail the whole list.
 */
public record UnreadableUser(String userId, Optional<String> email, String reason) {

    public UnreadableUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(reason, "reason");
    }
}
