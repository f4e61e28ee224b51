package dev.delegatedadmin.domain.actor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An actor's roles are decided here, from the IdP's record only (app_metadata.roles, which the RBAC role source
 * fills from Auth0's roles): the web adapter passes the token's subject and nothing else, so no token claim can
 * give an actor roles that their record, and so the targets' judgement of them, does not show (issue 11).
 */
class RolesTest {

    private static User withApp(Map<String, Object> app) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new User(new UserId("auth0|u"), new Email("u@example.com"), ConnectionName.DEFAULT_DATABASE, true,
                false, Metadata.EMPTY, new Metadata(app), t, t, 1, Optional.empty());
    }

    @Test
    void roles_are_the_known_names_in_app_metadata_roles() {
        assertThat(Roles.of(withApp(Map.of("roles", List.of("operator", "king", 7, "auditor")))))
                .containsExactlyInAnyOrder(Role.OPERATOR, Role.AUDITOR);
        assertThat(Actor.from(withApp(Map.of("roles", List.of("user-admin")))).highestRole()).contains(Role.USER_ADMIN);
    }

    @Test
    void no_list_or_no_known_name_is_no_role() {
        assertThat(Roles.of(withApp(Map.of()))).isEmpty();
        assertThat(Roles.of(withApp(Map.of("roles", "administrator")))).isEmpty();
        assertThat(Roles.of(withApp(Map.of("roles", List.of("Administrator"))))).isEmpty();
        assertThat(Actor.from(withApp(Map.of("department", "IT"))).highestRole()).isEmpty();
    }
}
