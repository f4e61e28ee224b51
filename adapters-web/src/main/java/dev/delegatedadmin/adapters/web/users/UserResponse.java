package dev.delegatedadmin.adapters.web.users;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.delegatedadmin.domain.user.User;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Auth0's user object, never with a password. Metadata keys are the user's own: written as they are. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserResponse(
        @JsonProperty("user_id") String userId,
        String email,
        @JsonProperty("email_verified") boolean emailVerified,
        boolean blocked,
        @JsonProperty("user_metadata") Map<String, Object> userMetadata,
        @JsonProperty("app_metadata") Map<String, Object> appMetadata,
        @JsonProperty("created_at") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
        @JsonProperty("updated_at") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant updatedAt,
        @JsonProperty("logins_count") long loginsCount,
        @JsonProperty("last_login") @JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable Instant lastLogin) {

    static UserResponse from(User user) {
        return new UserResponse(
                user.id().value(),
                user.email().value(),
                user.emailVerified(),
                user.blocked(),
                user.userMetadata().values(),
                user.appMetadata().values(),
                user.createdAt(),
                user.updatedAt(),
                user.loginsCount(),
                user.lastLogin().orElse(null));
    }
}
