package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 11 item 4 (local IdP): every token carries the user's credential version ({@code cv}), checked on each
 * request; a password reset, a role change, a block and logout bump it, so the tokens issued before get 401 at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenRevocationEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-revoke-1";
    private static final String FRANK_PASSWORD = "Frank-pass-e2e-revoke-1";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    private Http http;
    private String admin;

    @BeforeEach
    void logIn() {
        http = new Http(port);
        admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
    }

    @Test
    void a_password_reset_ends_the_old_token_and_logout_ends_the_new_one() {
        String path = create("frank@example.com");
        String old = http.logIn("frank@example.com", FRANK_PASSWORD);
        assertThat(http.get("/api/v1/me", old).status()).isEqualTo(200);

        assertThat(http.patch(path, admin, "application/merge-patch+json",
                "{\"password\":\"Frank-pass-e2e-revoke-2\"}").status()).isEqualTo(200);
        assertRevoked(old);

        String fresh = http.logIn("frank@example.com", "Frank-pass-e2e-revoke-2");
        assertThat(http.get("/api/v1/me", fresh).status()).isEqualTo(200);
        assertThat(http.delete("/api/v1/session", fresh).status()).isEqualTo(204);
        assertRevoked(fresh);
        assertThat(http.delete("/api/v1/session", fresh).status()).isEqualTo(401);
        // The administrator's own token is untouched by Frank's logout.
        assertThat(http.get("/api/v1/me", admin).status()).isEqualTo(200);
    }

    @Test
    void a_role_change_an_email_change_and_a_block_end_the_token() {
        String path = create("gina@example.com");
        String token = http.logIn("gina@example.com", FRANK_PASSWORD);
        assertThat(http.patch(path, admin, "application/merge-patch+json",
                "{\"app_metadata\":{\"roles\":[\"auditor\"]}}").status()).isEqualTo(200);
        assertRevoked(token);

        token = http.logIn("gina@example.com", FRANK_PASSWORD);
        assertThat(http.patch(path, admin, "application/merge-patch+json",
                "{\"email\":\"gina2@example.com\"}").status()).isEqualTo(200);
        assertRevoked(token);

        token = http.logIn("gina2@example.com", FRANK_PASSWORD);
        assertThat(http.patch(path, admin, "application/merge-patch+json", "{\"blocked\":true}").status())
                .isEqualTo(200);
        assertThat(http.patch(path, admin, "application/merge-patch+json", "{\"blocked\":false}").status())
                .isEqualTo(200);
        assertRevoked(token); // unblocked again, the token from before the block stays dead
    }

    private void assertRevoked(String token) {
        Http.Response response = http.get("/api/v1/me", token);
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private String create(String email) {
        Http.Response created = http.post("/api/v1/users", admin, """
                {"email":"%s","password":"%s","memberships":["Finance"]}""".formatted(email, FRANK_PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.header("Location");
    }
}
