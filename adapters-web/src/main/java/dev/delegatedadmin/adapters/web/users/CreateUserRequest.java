package dev.delegatedadmin.adapters.web.users;

import dev.delegatedadmin.adapters.web.http.DomainValues;
import dev.delegatedadmin.adapters.web.http.JsonBody;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/users}. Read by hand from the JSON tree ({@link #from}); the record also
 * documents the shape in the OpenAPI description. {@code null} and absent mean the same here.
 */
public record CreateUserRequest(
        @Nullable String email,
        @Nullable String password,
        @Nullable String connection,
        @JsonProperty("user_metadata") @Nullable Map<String, Object> userMetadata,
        @JsonProperty("app_metadata") @Nullable Map<String, Object> appMetadata,
        @Nullable List<String> memberships) {

    private static final Set<String> FIELDS =
            Set.of("email", "password", "connection", "user_metadata", "app_metadata", "memberships");

    public static CreateUserRequest from(JsonNode body) {
        JsonBody json = JsonBody.object(body, FIELDS);
        CreateUserRequest request = new CreateUserRequest(
                json.string("email"),
                json.string("password"),
                json.string("connection"),
                json.object("user_metadata"),
                json.object("app_metadata"),
                json.strings("memberships"));
        json.throwIfInvalid();
        return request;
    }

    /** The payload as the write policy sees it; a missing email is the use case's to report. */
    public WritePayload toDomain() {
        DomainValues values = new DomainValues();
        WritePayload payload = new WritePayload(
                Optional.ofNullable(values.of("email", email, Email::new)),
                Optional.ofNullable(values.of("password", password, Password::new)),
                Optional.ofNullable(values.of("connection", connection, ConnectionName::new)),
                values.metadata("user_metadata", userMetadata),
                values.metadata("app_metadata", appMetadata),
                Optional.ofNullable(values.departments("memberships", memberships)),
                Optional.empty());
        values.throwIfInvalid();
        return payload;
    }

    @Override
    public String toString() {
        return "CreateUserRequest[email=" + email + ", password=" + (password == null ? "none" : "[redacted]")
                + ", connection=" + connection + ", memberships=" + memberships + "]";
    }
}
