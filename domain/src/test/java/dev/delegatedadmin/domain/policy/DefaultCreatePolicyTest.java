package dev.delegatedadmin.domain.policy;

import static dev.delegatedadmin.domain.policy.PolicyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Password;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC section 3, create: each rule allows and denies, with the seed's messages word for word. */
class DefaultCreatePolicyTest {

    @Test
    void rule1_memberships_missing_is_denied() {
        WritePayload payload = WritePayload.empty().withEmail(new dev.delegatedadmin.domain.user.Email("a@example.com"));
        assertThat(create(KELLY, payload))
                .isEqualTo(new PolicyDecision.Denied("membership-required", "The user must be created within a department."));
    }

    @Test
    void rule1_memberships_empty_is_denied() {
        assertThat(create(KELLY, createPayload("a@example.com")))
                .isEqualTo(new PolicyDecision.Denied("membership-required", "The user must be created within a department."));
    }

    @Test
    void rule2_actor_without_department_is_denied() {
        assertThat(create(NOMAD, createPayload("a@example.com", FINANCE)))
                .isEqualTo(new PolicyDecision.Denied("actor-department-required",
                        "The current user is not part of any department."));
    }

    @Test
    void rule1_comes_before_rule2_as_in_the_seed() {
        assertThat(create(NOMAD, createPayload("a@example.com")))
                .extracting(d -> ((PolicyDecision.Denied) d).rule()).isEqualTo("membership-required");
    }

    @Test
    void rule3_other_department_is_denied() {
        assertThat(create(KELLY, createPayload("a@example.com", HR)))
                .isEqualTo(new PolicyDecision.Denied("own-department-only",
                        "You can only create users within your own department."));
    }

    @Test
    void rule3_every_membership_is_checked_not_only_the_first() {
        assertThat(create(KELLY, createPayload("a@example.com", FINANCE, HR)))
                .isEqualTo(new PolicyDecision.Denied("own-department-only",
                        "You can only create users within your own department."));
    }

    @Test
    void rule3_own_department_is_allowed_and_becomes_app_metadata_department() {
        Profile profile = allowedProfile(create(KELLY, createPayload("a@example.com", FINANCE)));
        assertThat(profile.appMetadata().values()).containsEntry("department", "Finance");
    }

    @Test
    void rule3_unrestricted_department_may_create_anywhere() {
        Profile profile = allowedProfile(create(IT_ADMIN, createPayload("a@example.com", HR, FINANCE)));
        assertThat(profile.appMetadata().values()).containsEntry("department", "HR");
    }

    @Test
    void administrator_is_never_restricted_to_a_department() {
        allowedProfile(create(ADMINISTRATOR, createPayload("a@example.com", FINANCE)));
    }

    @Test
    void rule4_profile_has_email_password_connection_and_metadata() {
        WritePayload payload = createPayload("A@Example.com", FINANCE)
                .withPassword(new Password("correct horse"))
                .withUserMetadata(patch("theme", "dark"))
                .withAppMetadata(patch("cost_center", "CC-1"));
        NewUser user = NewUser.from(allowedProfile(create(KELLY, payload)));
        assertThat(user.email().value()).isEqualTo("a@example.com");
        assertThat(user.password()).contains(new Password("correct horse"));
        assertThat(user.connection()).isEqualTo(ConnectionName.DEFAULT_DATABASE);
        assertThat(user.userMetadata().values()).isEqualTo(Map.of("theme", "dark"));
        assertThat(user.appMetadata().values()).isEqualTo(Map.of("cost_center", "CC-1", "department", "Finance"));
    }

    @Test
    void rule4_escalation_app_metadata_department_overriding_membership_is_denied_for_everyone() {
        WritePayload payload = createPayload("a@example.com", FINANCE).withAppMetadata(patch("department", "IT"));
        PolicyDecision.Denied expected = new PolicyDecision.Denied("protected-field", WritePolicy.DEPARTMENT_PROTECTED);
        assertThat(create(KELLY, payload)).isEqualTo(expected);
        assertThat(create(IT_ADMIN, payload)).isEqualTo(expected);
        assertThat(create(ADMINISTRATOR, payload)).isEqualTo(expected);
    }

    @Test
    void rule4_app_metadata_department_equal_to_membership_is_allowed() {
        WritePayload payload = createPayload("a@example.com", FINANCE).withAppMetadata(patch("department", "Finance"));
        assertThat(allowedProfile(create(KELLY, payload)).appMetadata().values()).containsEntry("department", "Finance");
    }

    @Test
    void rule5_user_admin_setting_roles_is_denied() {
        WritePayload payload = createPayload("a@example.com", FINANCE).withAppMetadata(patch("roles", List.of("administrator")));
        assertThat(create(KELLY, payload))
                .isEqualTo(new PolicyDecision.Denied("protected-field", "Only an administrator can set or change app_metadata.roles."));
        assertThat(create(IT_ADMIN, payload)).isInstanceOf(PolicyDecision.Denied.class);
    }

    @Test
    void rule5_administrator_may_set_roles() {
        WritePayload payload = createPayload("kelly@example.com", FINANCE).withAppMetadata(patch("roles", List.of("user-admin")));
        assertThat(allowedProfile(create(ADMINISTRATOR, payload)).appMetadata().values())
                .containsEntry("roles", List.of("user-admin"))
                .containsEntry("department", "Finance");
    }

    @Test
    void rule6_connection_defaults_to_the_database_connection() {
        assertThat(allowedProfile(create(KELLY, createPayload("a@example.com", FINANCE))).connection())
                .contains(ConnectionName.DEFAULT_DATABASE);
    }

    @Test
    void rule6_non_database_connection_is_denied() {
        WritePayload payload = createPayload("a@example.com", FINANCE).withConnection(new ConnectionName("google-oauth2"));
        assertThat(create(KELLY, payload))
                .isEqualTo(new PolicyDecision.Denied("database-connection", "Users can only be created in a database connection."));
    }

    @Test
    void auditor_payload_is_not_a_policy_concern_but_scope_still_applies() {
        // Role checks belong to the use case; the policy only sees scope.
        assertThat(create(actor("x", FINANCE, Role.AUDITOR), createPayload("a@example.com", FINANCE)))
                .isInstanceOf(PolicyDecision.Allowed.class);
    }

    @Test
    void password_never_shows_in_profile_text() {
        Profile profile = allowedProfile(create(KELLY, createPayload("a@example.com", FINANCE)
                .withPassword(new Password("s3cret-value"))));
        assertThat(profile.toString()).doesNotContain("s3cret-value");
        assertThat(Optional.of(new Password("s3cret-value")).toString()).doesNotContain("s3cret-value");
    }
}
