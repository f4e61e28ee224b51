package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 11, items 1 and 5, through HTTP for either IdP: nobody changes their own blocked state, roles, department or
 * memberships, and a user-admin (operator) cannot take over another user-admin (operator). Subclasses pick the IdP.
 */
abstract class AuthorizationHardeningScenarios {

    static final String PASSWORD = "Hardening-pass-e2e-4471";
    static final String TAKEOVER = "Takeover-pass-e2e-9034";

    @LocalServerPort
    int port;

    Http http;

    /** A user created through the API by the administrator. */
    record Created(String id, String path, String email) {
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    /** A token of the first administrator. */
    abstract String administrator();

    /** A token for a user created with {@link #PASSWORD}; null when the IdP refuses them (blocked). */
    abstract String tokenOf(Created user);

    Created create(String admin, String email, String department, String role) {
        String roles = role == null ? "" : ",\"app_metadata\":{\"roles\":[\"" + role + "\"]}";
        Http.Response created = http.post("/api/v1/users", admin, """
                {"email":"%s","password":"%s","memberships":["%s"]%s}""".formatted(email, PASSWORD, department, roles));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Created(created.json().get("user_id").asString(), created.header("Location"), email);
    }

    static void assertDenied(Http.Response response, String rule) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("rule").asString()).isEqualTo(rule);
    }

    @Test
    void a_blocked_actor_cannot_unblock_themself() {
        String admin = administrator();
        Created kelly = create(admin, "kelly.blocked@example.com", "Finance", "user-admin");
        String kellyToken = tokenOf(kelly);
        assertThat(http.get("/api/v1/me", kellyToken).status()).isEqualTo(200);
        assertThat(http.patch(kelly.path(), admin, "application/json", "{\"blocked\":true}").status()).isEqualTo(200);

        Http.Response undo = http.patch(kelly.path(), kellyToken, "application/merge-patch+json", "{\"blocked\":false}");

        // Refused as a caller (401) or by the no-self-change rule (403); never undone.
        assertThat(undo.status()).as(undo.body()).isIn(401, 403);
        assertThat(http.get(kelly.path(), admin).json().get("blocked").asBoolean()).isTrue();
    }

    @Test
    void a_demoted_administrator_cannot_take_the_role_back() {
        String admin = administrator();
        Created alan = create(admin, "alan.demoted@example.com", "IT", "administrator");
        String alanToken = tokenOf(alan);
        assertThat(http.get("/api/v1/me", alanToken).status()).isEqualTo(200);
        assertThat(http.patch(alan.path(), admin, "application/json",
                "{\"app_metadata\":{\"roles\":[\"user-admin\"]}}").status()).isEqualTo(200);
        // A fresh token: with the local IdP the role change revoked the old one (credential version).
        alanToken = tokenOf(alan);

        assertDenied(http.patch(alan.path(), alanToken, "application/merge-patch+json",
                "{\"app_metadata\":{\"roles\":[\"administrator\"]}}"), "no-self-change");
        assertThat(http.get(alan.path(), admin).json().get("app_metadata").get("roles").toString())
                .isEqualTo("[\"user-admin\"]");
    }

    @Test
    void nobody_changes_their_own_roles_or_department() {
        String admin = administrator();
        Created ada = create(admin, "ada.self@example.com", "HR", "administrator");
        String adaToken = tokenOf(ada);
        assertDenied(http.patch(ada.path(), adaToken, "application/json", "{\"memberships\":[\"IT\"]}"), "no-self-change");
        assertDenied(http.patch(ada.path(), adaToken, "application/json",
                "{\"app_metadata\":{\"roles\":[\"administrator\",\"operator\"]}}"), "no-self-change");
        // The rest of one's own account stays editable; so does re-sending what is stored.
        Http.Response own = http.patch(ada.path(), adaToken, "application/json",
                "{\"user_metadata\":{\"desk\":\"2.01\"},\"blocked\":false,\"app_metadata\":{\"roles\":[\"administrator\"]}}");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertDenied(http.delete(ada.path(), adaToken), "no-self-delete");
    }

    @Test
    void a_user_admin_cannot_take_over_a_peer_of_the_same_rank() {
        String admin = administrator();
        Created kelly = create(admin, "kelly.peer@example.com", "Finance", "user-admin");
        Created petra = create(admin, "petra.peer@example.com", "Finance", "user-admin");
        Created ivan = create(admin, "ivan.peer@example.com", "IT", "user-admin");
        Created frank = create(admin, "frank.peer@example.com", "Finance", null);
        String kellyToken = tokenOf(kelly);
        String ivanToken = tokenOf(ivan);

        String reset = "{\"password\":\"" + TAKEOVER + "\"}";
        assertDenied(http.patch(petra.path(), kellyToken, "application/json", reset), "peer-protected");
        assertDenied(http.patch(petra.path(), kellyToken, "application/json",
                "{\"email\":\"kelly.owns.petra@example.com\"}"), "peer-protected");
        assertDenied(http.patch(petra.path(), kellyToken, "application/json", "{\"blocked\":true}"), "peer-protected");
        assertDenied(http.delete(petra.path(), kellyToken), "peer-protected");
        // The IT user-admin sees every department, and still cannot touch a user-admin anywhere.
        assertDenied(http.patch(petra.path(), ivanToken, "application/json", reset), "peer-protected");
        assertDenied(http.patch(kelly.path(), ivanToken, "application/json", "{\"blocked\":true}"), "peer-protected");
        // Petra's other fields, and a user without a role, stay Kelly's to manage.
        assertThat(http.patch(petra.path(), kellyToken, "application/json", "{\"user_metadata\":{\"desk\":\"1.1\"}}")
                .status()).isEqualTo(200);
        assertThat(http.patch(frank.path(), kellyToken, "application/json", reset).status()).isEqualTo(200);
        // The administrator may.
        assertThat(http.patch(petra.path(), admin, "application/json", reset).status()).isEqualTo(200);
        assertThat(http.delete(petra.path(), admin).status()).isEqualTo(204);
    }
}
