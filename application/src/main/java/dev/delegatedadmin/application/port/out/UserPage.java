package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.user.User;
import java.util.List;
import java.util.OptionalLong;

/** One page of users; {@code total} only when asked for. */
public record UserPage(List<User> users, int page, int perPage, OptionalLong total) {

    public UserPage {
        users = List.copyOf(users);
    }
}
