package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.user.User;
import java.util.List;
import java.util.OptionalLong;

/** One page of users; {@code total} only when asked for; {@code unreadable} the listed users we cannot represent. */
public record UserPage(List<User> users, int page, int perPage, OptionalLong total, List<UnreadableUser> unreadable) {

    public UserPage {
        users = List.copyOf(users);
        unreadable = List.copyOf(unreadable);
    }

    public UserPage(List<User> users, int page, int perPage, OptionalLong total) {
        this(users, page, perPage, total, List.of());
    }
}
