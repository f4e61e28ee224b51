package dev.delegatedadmin.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.delegatedadmin.application.port.out.UserPage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of users, as Auth0 returns it; {@code total} only when {@code include_totals=true}. */
record UsersResponse(
        List<UserResponse> users,
        int page,
        @JsonProperty("per_page") int perPage,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long total) {

    static UsersResponse from(UserPage page) {
        return new UsersResponse(
                page.users().stream().map(UserResponse::from).toList(),
                page.page(),
                page.perPage(),
                page.total().isPresent() ? page.total().getAsLong() : null);
    }
}
