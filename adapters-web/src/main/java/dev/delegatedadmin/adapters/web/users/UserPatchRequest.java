package dev.delegatedadmin.adapters.web.users;

import dev.delegatedadmin.adapters.web.http.DomainValues;
import dev.delegatedadmin.adapters.web.http.JsonBody;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.Password;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PATCH /api/v1/users/{id}}, a JSON merge patch (RFC 7396): an absent field stays as it
 * is; {@code "user_metadata": null} removes every key; a metadata key set to {@code null} removes that key.
 * Email, password, memberships and blocked cannot be removed, so {@code null} is refused for them.
 */
public record UserPatchRequest(
        @Nullable String email,
        @Nullable String password,
        @JsonProperty("user_metadata") @Nullable Map<String, Object> userMetadata,
        @JsonProperty("app_metadata") @Nullable Map<String, Object> appMetadata,
        @Nullable List<String> memberships,
        @Nullable Boolean blocked,
        @JsonIgnore boolean clearUserMetadata,
        @JsonIgnore boolean clearAppMetadata) {

    private static final Set<String> FIELDS =
            Set.of("email", "password", "user_metadata", "app_metadata", "memberships", "blocked");
    private static final Set<String> READ_ONLY = Set.of("user_id", "connection", "email_verified", "created_at",
            "updated_at", "logins_count", "last_login");
    private static final List<String> NOT_REMOVABLE = List.of("email", "password", "memberships", "blocked");

    public static UserPatchRequest from(JsonNode body) {
        JsonBody json = JsonBody.object(body, FIELDS, READ_ONLY);
        for (String field : NOT_REMOVABLE) {
            if (json.isNull(field)) {
                json.error(field, "This field cannot be removed.");
            }
        }
        UserPatchRequest request = new UserPatchRequest(
                json.string("email"),
                json.string("password"),
                json.object("user_metadata"),
                json.object("app_metadata"),
                json.strings("memberships"),
                json.bool("blocked"),
                json.isNull("user_metadata"),
                json.isNull("app_metadata"));
        json.throwIfInvalid();
        return request;
    }

    /** Only what the patch names; everything else stays empty ("not given"). */
    public WritePayload toDomain() {
        DomainValues values = new DomainValues();
        WritePayload payload = WritePayload.empty();
        Email newEmail = values.of("email", email, Email::new);
        if (newEmail != null) {
            payload = payload.withEmail(newEmail);
        }
        Password newPassword = values.of("password", password, Password::new);
        if (newPassword != null) {
            payload = payload.withPassword(newPassword);
        }
        payload = payload.withUserMetadata(clearUserMetadata ? MetadataPatch.clearAll()
                : values.metadata("user_metadata", userMetadata));
        payload = payload.withAppMetadata(clearAppMetadata ? MetadataPatch.clearAll()
                : values.metadata("app_metadata", appMetadata));
        List<Department> departments = values.departments("memberships", memberships);
        if (departments != null) {
            payload = payload.withMemberships(departments);
        }
        if (blocked != null) {
            payload = payload.withBlocked(blocked);
        }
        values.throwIfInvalid();
        return payload;
    }

    @Override
    public String toString() {
        return "UserPatchRequest[email=" + email + ", password=" + (password == null ? "unchanged" : "[redacted]")
                + ", memberships=" + memberships + ", blocked=" + blocked + "]";
    }
}
