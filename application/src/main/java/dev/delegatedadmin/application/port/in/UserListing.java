package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.user.User;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of the users a caller may see; {@code total} only when asked for; {@code unreadable}: users the IdP listed
 * but the product cannot represent, reported beside the page so that one of them does not fail the whole list.
 */
public record UserListing(List<User> users, int page, int perPage, OptionalLong total, List<Unreadable> unreadable) {

    public UserListing {
        users = List.copyOf(users);
        Objects.requireNonNull(total, "total");
        unreadable = List.copyOf(unreadable);
    }

    /** What could be read of such a user (e.g. 101 metadata keys, no email), and why it is not a user. */
    public record Unreadable(String userId, Optional<String> email, String reason) {
        public Unreadable {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
