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
import java.util.List;
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

    @Test
    void credential_words_count_as_word_parts_at_any_depth() {
        for (String secret : List.of("user_metadata.pin", "user_metadata.otp_seed", "user_metadata.recoveryCodes",
                "user_metadata.recovery_codes", "app_metadata.api-key", "user_metadata.sso.password",
                "user_metadata.a.b.PIN", "user_metadata.mfa.totpSeed", "user_metadata.clientsecret",
                "user_metadata.privateKey", "user_metadata.credentials", "user_metadata.keys")) {
            assertThat(SecretFields.DEFAULT.isSecret(secret)).as(secret).isTrue();
        }
        for (String kept : List.of("user_metadata.monkey", "user_metadata.spinner", "user_metadata.seedling",
                "user_metadata.keyboard_layout", "user_metadata.pinnacle", "user_metadata.hotel", "user_metadata.team")) {
            assertThat(SecretFields.DEFAULT.isSecret(kept)).as(kept).isFalse();
        }
        SecretFields named = new SecretFields(Set.of("ssn", "user_metadata.hr.badge"));
        assertThat(named.isSecret("user_metadata.ssn")).isTrue();
        assertThat(named.isSecret("user_metadata.family.child.ssn")).isTrue();
        assertThat(named.isSecret("user_metadata.hr.badge")).isTrue();
        assertThat(named.isSecret("user_metadata.badge")).isFalse();
    }

    @Test
    void nested_secrets_are_replaced_by_a_marker_that_still_shows_whether_they_changed() {
        Map<String, Object> before = Map.of("sso", Map.of("provider", "okta", "password", "Old-pass-1", "pin", "1234"),
                "devices", List.of(Map.of("name", "phone", "otp_seed", "SEED-A")));
        Map<String, Object> after = Map.of("sso", Map.of("provider", "okta", "password", "New-pass-2", "pin", "1234"),
                "devices", List.of(Map.of("name", "phone", "otp_seed", "SEED-A"), Map.of("name", "key", "otp_seed", "SEED-B")));
        User original = new User(new UserId("local|1"), new Email("old@example.com"), ConnectionName.DEFAULT_DATABASE,
                true, false, new Metadata(Map.of("profile", before, "recovery_codes", List.of("c1"))),
                new Metadata(Map.of()), Instant.EPOCH, Instant.EPOCH, 0, Optional.empty());
        UserChanges update = new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of("profile", after, "recovery_codes", List.of("c1")), Map.of());

        List<AuditChange> changes = AuditChanges.forUpdate(original, update, SecretFields.DEFAULT);

        assertThat(changes).contains(AuditChange.redacted("user_metadata.recovery_codes", false));
        AuditChange profile = changes.stream().filter(c -> c.field().equals("user_metadata.profile")).findFirst().orElseThrow();
        assertThat(profile.after()).contains(Map.of(
                "sso", Map.of("provider", "okta", "password", AuditChange.CHANGED, "pin", AuditChange.UNCHANGED),
                "devices", List.of(Map.of("name", "phone", "otp_seed", AuditChange.UNCHANGED),
                        Map.of("name", "key", "otp_seed", AuditChange.CHANGED))));
        assertThat(profile.before()).contains(Map.of(
                "sso", Map.of("provider", "okta", "password", AuditChange.HIDDEN, "pin", AuditChange.HIDDEN),
                "devices", List.of(Map.of("name", "phone", "otp_seed", AuditChange.HIDDEN))));
        assertThat(changes.toString()).doesNotContain("Old-pass-1", "New-pass-2", "1234", "SEED-A", "SEED-B", "c1");
    }
}
