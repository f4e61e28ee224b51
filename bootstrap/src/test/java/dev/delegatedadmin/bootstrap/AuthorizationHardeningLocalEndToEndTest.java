package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 11, items 1 and 5, with the local IdP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationHardeningLocalEndToEndTest extends AuthorizationHardeningScenarios {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-6604";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    }

    @Override
    String administrator() {
        return http.logIn("admin@localhost", ADMIN_PASSWORD);
    }

    @Override
    String tokenOf(Created user) {
        return http.logIn(user.email(), PASSWORD);
    }

    @Test
    void the_peer_cannot_log_in_with_the_password_kelly_tried() {
        String admin = administrator();
        Created kelly = create(admin, "kelly.login@example.com", "Finance", "user-admin");
        Created petra = create(admin, "petra.login@example.com", "Finance", "user-admin");
        http.patch(petra.path(), tokenOf(kelly), "application/json", "{\"password\":\"" + TAKEOVER + "\"}");
        assertThat(http.post("/api/v1/session", null,
                "{\"email\":\"petra.login@example.com\",\"password\":\"" + TAKEOVER + "\"}").status()).isEqualTo(401);
        assertThat(http.logIn("petra.login@example.com", PASSWORD)).isNotBlank();
    }
}
