package dev.delegatedadmin.domain.policy;

import static dev.delegatedadmin.domain.policy.PolicyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 11: no actor changes their own standing, and same-rank peers cannot take each other over. */
class GuardRulesTest {

    private static final PolicyDecision SELF_CHANGE = new PolicyDecision.Denied("no-self-change", WritePolicy.NO_SELF_CHANGE);
    private static final PolicyDecision PEER = new PolicyDecision.Denied("peer-protected", WritePolicy.PEER_PROTECTED);
    private static final Actor OPERATOR = actor("olga", FINANCE, Role.OPERATOR);

    private static User blocked(User user) {
        return new User(user.id(), user.email(), user.connection(), user.emailVerified(), true, user.userMetadata(),
                user.appMetadata(), user.createdAt(), user.updatedAt(), user.loginsCount(), user.lastLogin());
    }

    @Test
    void a_blocked_actor_whose_rights_are_cached_cannot_unblock_themself() {
        User kelly = blocked(user("kelly", FINANCE, "roles", List.of("user-admin")));
        assertThat(update(KELLY, kelly, WritePayload.empty().withBlocked(false))).isEqualTo(SELF_CHANGE);
    }

    @Test
    void a_demoted_administrator_cannot_give_their_role_back() {
        // The actor is still cached as an administrator; the stored user is a user-admin now.
        User ada = user("ada", HR, "roles", List.of("user-admin"));
        assertThat(update(ADMINISTRATOR, ada, WritePayload.empty().withAppMetadata(patch("roles", List.of("administrator")))))
                .isEqualTo(SELF_CHANGE);
        assertThat(update(ADMINISTRATOR, ada, WritePayload.empty().withAppMetadata(patch("roles", null))))
                .isEqualTo(SELF_CHANGE);
    }

    @Test
    void nobody_moves_themself() {
        User kelly = user("kelly", FINANCE, "roles", List.of("user-admin"));
        User ada = user("ada", HR, "roles", List.of("administrator"));
        assertThat(update(ADMINISTRATOR, ada, WritePayload.empty().withMemberships(List.of(IT)))).isEqualTo(SELF_CHANGE);
        assertThat(update(ADMINISTRATOR, ada, WritePayload.empty().withMemberships(List.of(HR, IT)))).isEqualTo(SELF_CHANGE);
        assertThat(update(ADMINISTRATOR, ada, WritePayload.empty().withAppMetadata(patch("department", "IT"))))
                .isEqualTo(SELF_CHANGE);
        assertThat(update(KELLY, kelly, WritePayload.empty().withMemberships(List.of(FINANCE))))
                .isInstanceOf(PolicyDecision.Allowed.class);
    }

    @Test
    void an_actor_still_edits_the_rest_of_their_own_account() {
        User kelly = user("kelly", FINANCE, "roles", List.of("user-admin"));
        assertThat(update(KELLY, kelly, WritePayload.empty().withPassword(new Password("New-kelly-pass-1"))
                .withEmail(new Email("kelly.new@example.com")).withUserMetadata(patch("desk", "4.12"))
                .withAppMetadata(patch("roles", List.of("user-admin"))).withBlocked(false)))
                .isInstanceOf(PolicyDecision.Allowed.class);
    }

    @Test
    void a_user_admin_cannot_take_over_another_user_admin() {
        User peer = user("petra", FINANCE, "roles", List.of("user-admin"));
        assertThat(update(KELLY, peer, WritePayload.empty().withPassword(new Password("takeover-123")))).isEqualTo(PEER);
        assertThat(update(KELLY, peer, WritePayload.empty().withEmail(new Email("evil@example.com")))).isEqualTo(PEER);
        assertThat(update(KELLY, peer, WritePayload.empty().withBlocked(true))).isEqualTo(PEER);
        assertThat(delete(KELLY, peer)).isEqualTo(PEER);
        assertThat(update(IT_ADMIN, peer, WritePayload.empty().withPassword(new Password("takeover-123")))).isEqualTo(PEER);
        // Other fields stay editable, and unchanged values are no change.
        assertThat(update(KELLY, peer, WritePayload.empty().withUserMetadata(patch("desk", "1"))
                .withEmail(peer.email()).withBlocked(false))).isInstanceOf(PolicyDecision.Allowed.class);
    }

    @Test
    void a_higher_role_may_and_a_user_without_a_role_is_not_protected() {
        User peer = user("petra", FINANCE, "roles", List.of("user-admin"));
        User auditor = user("aud", FINANCE, "roles", List.of("auditor"));
        User operator = user("otto", FINANCE, "roles", List.of("operator"));
        WritePayload reset = WritePayload.empty().withPassword(new Password("reset-pass-123"));
        assertThat(update(OPERATOR, peer, reset)).isInstanceOf(PolicyDecision.Allowed.class);
        assertThat(update(OPERATOR, operator, reset)).isEqualTo(PEER);
        assertThat(update(KELLY, auditor, reset)).isInstanceOf(PolicyDecision.Allowed.class);
        assertThat(update(KELLY, user("fred", FINANCE), reset)).isInstanceOf(PolicyDecision.Allowed.class);
        assertThat(update(ADMINISTRATOR, peer, reset)).isInstanceOf(PolicyDecision.Allowed.class);
        // The top role: administrators can still stop a rogue administrator.
        User other = user("alan", IT, "roles", List.of("administrator"));
        assertThat(update(ADMINISTRATOR, other, WritePayload.empty().withBlocked(true)))
                .isInstanceOf(PolicyDecision.Allowed.class);
        assertThat(delete(ADMINISTRATOR, other)).isInstanceOf(PolicyDecision.Allowed.class);
    }

    @Test
    void the_actions_are_configurable() {
        GuardRules.HigherRoleRequired passwordOnly = new GuardRules.HigherRoleRequired("peer", "m", java.util.Set.of("password"));
        User peer = user("petra", FINANCE, "roles", List.of("user-admin"));
        WriteContext block = new WriteContext(WriteMethod.UPDATE, KELLY,
                dev.delegatedadmin.domain.actor.Scope.of(KELLY, DEPARTMENTS), WritePayload.empty().withBlocked(true),
                java.util.Optional.of(peer), ONLY_DEFAULT_DB);
        Profile profile = allowedProfile(PolicyDecision.allow(new Profile(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), new dev.delegatedadmin.domain.user.Metadata(Map.of()),
                new dev.delegatedadmin.domain.user.Metadata(Map.of()), true)));
        assertThat(passwordOnly.apply(block, profile)).isInstanceOf(PolicyDecision.Allowed.class);
    }
}
