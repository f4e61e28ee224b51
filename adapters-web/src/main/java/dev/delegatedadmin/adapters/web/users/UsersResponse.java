package dev.delegatedadmin.adapters.web.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.delegatedadmin.application.port.in.UserListing;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of users, as Auth0 returns it; {@code total} only when {@code include_totals=true}. */
public record UsersResponse(
        List<UserResponse> users,
        int page,
        @JsonProperty("per_page") int perPage,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long total,
        @JsonProperty("unreadable_users") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UnreadableUserResponse> unreadableUsers) {

    static UsersResponse from(UserListing page) {
        return new UsersResponse(
                page.users().stream().map(UserResponse::from).toList(),
                page.page(),
                page.perPage(),
                page.total().isPresent() ? page.total().getAsLong() : null,
                page.unreadable().stream().map(UnreadableUserResponse::from).toList());
    }

    /** A listed user the product cannot represent: what could be read, flagged, instead of failing the page. */
    record UnreadableUserResponse(@JsonProperty("user_id") String userId, @Nullable String email, String reason,
                                  boolean unreadable) {
        static UnreadableUserResponse from(UserListing.Unreadable user) {
            return new UnreadableUserResponse(user.userId(), user.email().orElse(null), user.reason(), true);
        }
    }
}
