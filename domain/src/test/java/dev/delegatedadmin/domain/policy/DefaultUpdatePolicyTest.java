package dev.delegatedadmin.domain.policy;

import static dev.delegatedadmin.domain.policy.PolicyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC section 3, update: only what changed, compared deeply; moves are checked like creates. */
class DefaultUpdatePolicyTest {

    private final User financeUser = user("fred", FINANCE);

    private UserChanges changes(dev.delegatedadmin.domain.actor.Actor actor, User original, WritePayload patch) {
        return UserChanges.between(original, allowedProfile(update(actor, original, patch)));
    }

    @Test
    void identical_metadata_sends_nothing() {
        WritePayload patch = WritePayload.empty()
                .withUserMetadata(patch("theme", "dark", "prefs", Map.of("lang", "en")))
                .withAppMetadata(patch("department", "Finance"))
                .withEmail(new Email("FRED@example.com"))
                .withBlocked(false);
        assertThat(changes(KELLY, financeUser, patch).isEmpty()).isTrue();
    }

    @Test
    void numbers_compare_by_value() {
        User withNumber = user("num", FINANCE, "level", 1);
        assertThat(changes(KELLY, withNumber, WritePayload.empty().withAppMetadata(patch("level", 1.0))).isEmpty()).isTrue();
    }

    @Test
    void nested_metadata_change_replaces_the_first_level_key_only() {
        UserChanges changes = changes(KELLY, financeUser,
                WritePayload.empty().withUserMetadata(patch("prefs", Map.of("lang", "fr"))));
        assertThat(changes.userMetadata()).isEqualTo(Map.of("prefs", Map.of("lang", "fr")));
        assertThat(changes.appMetadata()).isEmpty();
        assertThat(changes.email()).isEmpty();
    }

    @Test
    void removing_a_key_sends_null() {
        UserChanges changes = changes(KELLY, financeUser, WritePayload.empty().withUserMetadata(patch("theme", null)));
        assertThat(changes.userMetadata()).containsEntry("theme", null).hasSize(1);
    }

    @Test
    void clearing_user_metadata_removes_every_key() {
        UserChanges changes = changes(KELLY, financeUser, WritePayload.empty().withUserMetadata(MetadataPatch.clearAll()));
        assertThat(changes.userMetadata()).containsEntry("theme", null).containsEntry("prefs", null);
    }

    @Test
    void clearing_app_metadata_keeps_protected_keys() {
        User withExtras = user("x", FINANCE, "roles", List.of("auditor"), "cost_center", "CC-7");
        UserChanges changes = changes(KELLY, withExtras, WritePayload.empty().withAppMetadata(MetadataPatch.clearAll()));
        assertThat(changes.appMetadata()).containsOnlyKeys("cost_center").containsEntry("cost_center", null);
    }

    @Test
    void removing_the_department_by_name_is_denied() {
        assertThat(update(IT_ADMIN, financeUser, WritePayload.empty().withAppMetadata(patch("department", null))))
                .isEqualTo(new PolicyDecision.Denied("protected-field", WritePolicy.DEPARTMENT_PROTECTED));
    }

    @Test
    void email_change_unverifies_and_password_is_split_out() {
        UserChanges changes = changes(KELLY, financeUser,
                WritePayload.empty().withEmail(new Email("new@example.com")).withPassword(new Password("another-pass")));
        assertThat(changes.email()).contains(new Email("new@example.com"));
        assertThat(changes.emailVerified()).contains(false);
        assertThat(changes.withoutPassword().password()).isEmpty();
        assertThat(changes.withoutPassword().email()).isPresent();
        assertThat(changes.passwordOnly().password()).isPresent();
        assertThat(changes.passwordOnly().email()).isEmpty();
        assertThat(changes.changedFieldNames()).containsExactly("email", "email_verified", "password");
    }

    @Test
    void block_and_unblock_are_changes() {
        assertThat(changes(KELLY, financeUser, WritePayload.empty().withBlocked(true)).blocked()).contains(true);
    }

    @Test
    void moving_a_user_into_another_department_is_denied() {
        assertThat(update(KELLY, financeUser, WritePayload.empty().withMemberships(List.of(HR))))
                .isEqualTo(new PolicyDecision.Denied("own-department-only",
                        "You can only create users within your own department."));
    }

    @Test
    void moving_with_an_extra_membership_outside_scope_is_denied() {
        assertThat(update(KELLY, financeUser, WritePayload.empty().withMemberships(List.of(FINANCE, HR))))
                .isInstanceOf(PolicyDecision.Denied.class);
    }

    @Test
    void unrestricted_actor_may_move_a_user_and_department_follows() {
        UserChanges changes = changes(IT_ADMIN, financeUser, WritePayload.empty().withMemberships(List.of(HR)));
        assertThat(changes.appMetadata()).isEqualTo(Map.of("department", "HR"));
    }

    @Test
    void removing_every_membership_is_denied() {
        assertThat(update(IT_ADMIN, financeUser, WritePayload.empty().withMemberships(List.of())))
                .isEqualTo(new PolicyDecision.Denied("membership-required", "The user must be created within a department."));
    }

    @Test
    void moving_requires_the_actor_to_have_a_department() {
        assertThat(update(NOMAD, financeUser, WritePayload.empty().withMemberships(List.of(FINANCE))))
                .isEqualTo(new PolicyDecision.Denied("actor-department-required",
                        "The current user is not part of any department."));
    }

    @Test
    void setting_department_directly_without_memberships_is_denied() {
        assertThat(update(IT_ADMIN, financeUser, WritePayload.empty().withAppMetadata(patch("department", "HR"))))
                .isEqualTo(new PolicyDecision.Denied("protected-field", WritePolicy.DEPARTMENT_PROTECTED));
    }

    @Test
    void user_admin_changing_roles_is_denied_and_administrator_allowed() {
        WritePayload grant = WritePayload.empty().withAppMetadata(patch("roles", List.of("administrator")));
        assertThat(update(KELLY, financeUser, grant))
                .isEqualTo(new PolicyDecision.Denied("protected-field", WritePolicy.ROLES_PROTECTED));
        assertThat(changes(ADMINISTRATOR, financeUser, grant).appMetadata())
                .isEqualTo(Map.of("roles", List.of("administrator")));
    }

    @Test
    void user_admin_removing_roles_is_denied() {
        User auditor = user("aud", FINANCE, "roles", List.of("auditor"));
        assertThat(update(KELLY, auditor, WritePayload.empty().withAppMetadata(patch("roles", null))))
                .isEqualTo(new PolicyDecision.Denied("protected-field", WritePolicy.ROLES_PROTECTED));
    }

    @Test
    void resending_unchanged_roles_is_not_a_change() {
        User auditor = user("aud", FINANCE, "roles", List.of("auditor"));
        assertThat(changes(KELLY, auditor, WritePayload.empty().withAppMetadata(patch("roles", List.of("auditor")))).isEmpty())
                .isTrue();
    }

    @Test
    void user_admin_cannot_edit_a_higher_role() {
        User operator = user("op", FINANCE, "roles", List.of("operator"));
        assertThat(update(KELLY, operator, WritePayload.empty().withPassword(new Password("takeover-123"))))
                .isEqualTo(new PolicyDecision.Denied("higher-role-protected", WritePolicy.HIGHER_ROLE_PROTECTED));
    }

    @Test
    void an_actor_cannot_block_themself() {
        User kelly = user("kelly", FINANCE, "roles", List.of("user-admin"));
        assertThat(update(KELLY, kelly, WritePayload.empty().withBlocked(true)))
                .isEqualTo(new PolicyDecision.Denied("no-self-block", WritePolicy.NO_SELF_BLOCK));
    }

    @Test
    void delete_guards() {
        assertThat(delete(KELLY, user("kelly", FINANCE)))
                .isEqualTo(new PolicyDecision.Denied("no-self-delete", "You cannot delete yourself."));
        assertThat(delete(KELLY, user("boss", FINANCE, "roles", List.of("administrator"))))
                .isEqualTo(new PolicyDecision.Denied("higher-role-protected", WritePolicy.HIGHER_ROLE_PROTECTED));
        assertThat(delete(KELLY, financeUser)).isInstanceOf(PolicyDecision.Allowed.class);
        // Issue 11: a peer of the same rank is protected too (it was allowed before).
        assertThat(delete(actor("x", FINANCE, Role.OPERATOR), user("y", FINANCE, "roles", List.of("operator"))))
                .isEqualTo(new PolicyDecision.Denied("peer-protected", WritePolicy.PEER_PROTECTED));
    }
}
