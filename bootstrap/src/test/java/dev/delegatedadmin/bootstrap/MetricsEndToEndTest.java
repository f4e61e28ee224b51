package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Actuator on its own port: health (with details), info and prometheus open there, the product's meters in the
 * scrape with their labels; the service port keeps a status-only health and serves nothing else of actuator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-metrics-1";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("POLICY_FILE", () -> LoginEventsAuth0EndToEndTest.policyFile(LoginEventsAuth0EndToEndTest.LOGIN_RULES));
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void the_management_port_serves_the_product_metrics_after_a_create_a_denial_and_a_login() throws SQLException {
        assertThat(managementPort).isNotEqualTo(port);
        try (Connection connection = DATABASE.getConnection()) {
            connection.createStatement().execute("insert into local_organization values ('org_finance', 'Finance') "
                    + "on conflict do nothing");
            connection.createStatement().execute("insert into local_organization_connection values ('org_finance', "
                    + "'Username-Password-Authentication') on conflict do nothing");
        }
        Http http = new Http(port);
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        Http.Response created = http.post("/api/v1/users", admin, """
                {"email":"metered@example.com","password":"Metered-pass-e2e-1","memberships":["Finance"]}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String adminId = http.get("/api/v1/me", admin).json().get("user_id").asString();
        Http.Response denied = http.delete("/api/v1/users/" + adminId.replace("|", "%7C"), admin);
        assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        String rule = denied.json().get("rule").asString();
        http.logIn("metered@example.com", "Metered-pass-e2e-1");

        Http management = new Http(managementPort);
        Http.Response scrape = management.get("/actuator/prometheus", null);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("delegated_admin_policy_decisions_total{action=\"user.create\",outcome=\"allowed\",rule=\"none\"}")
                .contains("delegated_admin_policy_decisions_total{action=\"user.delete\",outcome=\"denied\",rule=\""
                        + rule + "\"}")
                .contains("delegated_admin_login_rules_total{outcome=\"applied\",rule=\"finance-org\"}")
                .contains("delegated_admin_audit_unsealed_rows ")
                .contains("delegated_admin_audit_sealing_lag_seconds ")
                .contains("http_server_requests_seconds_count")
                .doesNotContain("metered@example.com")
                .doesNotContain(adminId);
        Http.Response details = management.get("/actuator/health", null);
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.json().get("components").has("db")).as(details.body()).isTrue();
        assertThat(management.get("/actuator/info", null).status()).isEqualTo(200);
        assertThat(management.get("/api/v1/users", admin).status()).as("nothing of the API there").isEqualTo(404);

        Http.Response onServicePort = http.get("/actuator/prometheus", admin);
        assertThat(onServicePort.status()).isIn(401, 403, 404);
        assertThat(onServicePort.header("Content-Type")).startsWith("application/problem+json");
        assertThat(onServicePort.body()).doesNotContain("delegated_admin_");
        assertThat(http.get("/actuator/info", null).status()).isIn(401, 403, 404);
        Http.Response health = http.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().has("components")).as("status only on the service port").isFalse();
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/db", null).status()).isEqualTo(404);
    }
}
