package dev.delegatedadmin.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditChangesTest {

    private static final SecretFields SECRETS = new SecretFields(Set.of("user_metadata.ssn"));

    @Test
    void secrets_are_the_password_the_named_fields_and_credential_like_names() {
        assertThat(SECRETS.isSecret("password")).isTrue();
        assertThat(SECRETS.isSecret("user_metadata.ssn")).isTrue();
        assertThat(SECRETS.isSecret("app_metadata.API_Key")).isTrue();
        assertThat(SECRETS.isSecret("user_metadata.refresh_token")).isTrue();
        assertThat(SECRETS.isSecret("app_metadata.client_secret")).isTrue();
        assertThat(SECRETS.isSecret("user_metadata.team")).isFalse();
        assertThat(SECRETS.isSecret("email")).isFalse();
        assertThat(SECRETS.isSecret("app_metadata.ssn")).isFalse(); // only the named one
    }

    @Test
    void a_create_has_only_after_values_and_redacts_secrets() {
        NewUser user = new NewUser(new Email("new@example.com"), Optional.of(new Password("Secret-123")),
                ConnectionName.DEFAULT_DATABASE, new Metadata(Map.of("ssn", "078-05-1120", "team", "payroll")),
                new Metadata(Map.of("department", "Finance")));

        assertThat(AuditChanges.forCreate(user, SECRETS)).containsExactlyInAnyOrder(
                AuditChange.of("email", null, "new@example.com"),
                AuditChange.of("connection", null, ConnectionName.DEFAULT_DATABASE.value()),
                AuditChange.redacted("password"),
                AuditChange.redacted("user_metadata.ssn"),
                AuditChange.of("user_metadata.team", null, "payroll"),
                AuditChange.of("app_metadata.department", null, "Finance"));
        assertThat(AuditChanges.forCreate(user, SECRETS).toString()).doesNotContain("Secret-123", "078-05-1120");
    }

    @Test
    void an_update_has_before_and_after_and_a_removed_key_has_no_after() {
        User original = new User(new UserId("local|1"), new Email("old@example.com"), ConnectionName.DEFAULT_DATABASE,
                true, false, new Metadata(Map.of("team", "a", "desk", "1.1")), new Metadata(Map.of()), Instant.EPOCH,
                Instant.EPOCH, 0, Optional.empty());
        java.util.Map<String, Object> userMetadata = new java.util.LinkedHashMap<>();
        userMetadata.put("team", "b");
        userMetadata.put("desk", null);
        UserChanges changes = new UserChanges(Optional.of(new Email("new@example.com")), Optional.of(false),
                Optional.of(new Password("Secret-123")), Optional.of(true), userMetadata, Map.of());

        assertThat(AuditChanges.forUpdate(original, changes, SECRETS)).containsExactly(
                AuditChange.of("email", "old@example.com", "new@example.com"),
                AuditChange.of("email_verified", true, false),
                AuditChange.redacted("password"),
                AuditChange.of("blocked", false, true),
                AuditChange.of("user_metadata.team", "a", "b"),
                AuditChange.of("user_metadata.desk", "1.1", null));
    }

    @Test
    void a_redacted_change_cannot_carry_a_value() {
        assertThatThrownBy(() -> new AuditChange("password", Optional.of("x"), Optional.empty(), true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
