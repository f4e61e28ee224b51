package dev.delegatedadmin.adapters.web.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.List;
import dev.delegatedadmin.application.port.in.UserListing;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire shape is fixed by the DTOs themselves, so bootstrap's global Jackson settings cannot change it:
 * here a mapper with Jackson 2 style timestamps and NON_NULL inclusion still writes the documented JSON.
 */
public class DtoJsonTest {

    private final JsonMapper hostile = JsonMapper.builder()
            .enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private final User user = new User(new UserId("auth0|abc"), new Email("a@example.com"), ConnectionName.DEFAULT_DATABASE,
            true, false, new Metadata(Map.of("camelKey", 1)), new Metadata(Map.of("department", "HR")),
            Instant.parse("2025-01-31T12:00:00Z"), Instant.parse("2025-02-01T08:30:00.5Z"), 3, Optional.empty());

    @Test
    void userIsSnakeCasedWithIsoInstantsAndExplicitNulls() {
        JsonNode json = hostile.valueToTree(UserResponse.from(user));

        assertThat(json.propertyNames()).containsExactly("user_id", "email", "email_verified", "blocked", "user_metadata",
                "app_metadata", "created_at", "updated_at", "logins_count", "last_login");
        assertThat(json.get("created_at").stringValue()).isEqualTo("2025-01-31T12:00:00Z");
        assertThat(json.get("updated_at").stringValue()).isEqualTo("2025-02-01T08:30:00.500Z");
        assertThat(json.get("last_login").isNull()).isTrue();
        assertThat(json.get("user_metadata").propertyNames()).containsExactly("camelKey");
    }

    @Test
    void totalIsOmittedUnlessAskedFor() {
        JsonMapper plain = JsonMapper.builder().build();

        assertThat(plain.valueToTree(UsersResponse.from(new UserListing(List.of(user), 0, 50, OptionalLong.empty(), List.of())))
                .has("total")).isFalse();
        assertThat(plain.valueToTree(UsersResponse.from(new UserListing(List.of(user), 0, 50, OptionalLong.of(7), List.of())))
                .get("total").longValue()).isEqualTo(7);
    }

    @Test
    void requestDtosNeverPrintAPassword() {
        CreateUserRequest create = new CreateUserRequest("a@example.com", "hunter2", null, null, null, List.of("HR"));
        UserPatchRequest patch = new UserPatchRequest(null, "hunter2", null, null, null, null, false, false);

        assertThat(create.toString()).doesNotContain("hunter2");
        assertThat(patch.toString()).doesNotContain("hunter2");
    }
}
