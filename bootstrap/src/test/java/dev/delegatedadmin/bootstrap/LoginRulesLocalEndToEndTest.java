package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The same login rules with the local IdP, through {@code POST /api/v1/session} (the second door): organizations
 * and roles in PostgreSQL, metadata written by the service itself, at most once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginRulesLocalEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-login-1";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("POLICY_FILE", () -> LoginEventsAuth0EndToEndTest.policyFile(
                LoginEventsAuth0EndToEndTest.LOGIN_RULES + """
                          - id: hr-org
                            when: {departments: [HR]}
                            assign_organization: {organization_id: org_hr}
                        """));
    }

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void organizations() throws SQLException {
        http = new Http(port);
        sql("insert into local_organization values ('org_finance', 'Finance'), ('org_hr', 'HR') on conflict do nothing");
        sql("insert into local_organization_connection values ('org_finance', 'Username-Password-Authentication') "
                + "on conflict do nothing");
    }

    @Test
    void a_local_login_runs_the_rules_once() throws SQLException {
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        Http.Response created = http.post("/api/v1/users", admin, """
                {"email":"lena@example.com","password":"Lena-pass-e2e-31","memberships":["Finance"]}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String lenaId = created.json().get("user_id").asString();

        http.logIn("lena@example.com", "Lena-pass-e2e-31");
        http.logIn("lena@example.com", "Lena-pass-e2e-31");

        assertThat(column("select organization_id from local_organization_member where user_id = ?", lenaId))
                .containsExactly("org_finance");
        assertThat(column("select role_id from local_user_role where user_id = ?", lenaId))
                .containsExactly("rol_basic");
        JsonNode lena = http.get(created.header("Location"), admin).json();
        assertThat(lena.get("app_metadata").get("provisioned_by").asString()).isEqualTo("delegated-admin");
        assertThat(lena.get("app_metadata").get("first_connection").asString())
                .isEqualTo("Username-Password-Authentication");
        assertThat(lena.get("app_metadata").get("department").asString()).isEqualTo("Finance");
        assertThat(audited(admin, lenaId)).containsExactlyInAnyOrder("finance-org:succeeded",
                "default-role:succeeded", "stamp:succeeded");
    }

    @Test
    void an_organization_without_the_connection_is_skipped_and_audited() throws SQLException {
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        Http.Response created = http.post("/api/v1/users", admin, """
                {"email":"hana@example.com","password":"Hana-pass-e2e-31","memberships":["HR"]}""");
        String hanaId = created.json().get("user_id").asString();

        http.logIn("hana@example.com", "Hana-pass-e2e-31");

        assertThat(column("select organization_id from local_organization_member where user_id = ?", hanaId)).isEmpty();
        assertThat(audited(admin, hanaId)).contains("hr-org:skipped", "default-role:succeeded");
    }

    @Test
    void the_webhook_is_off_without_a_secret() {
        Http.Response response = http.post("/api/v1/login-events", null, "{}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private List<String> audited(String admin, String userId) {
        List<String> audited = new ArrayList<>();
        http.get("/api/v1/audit-events?action=login.rule&target=" + userId.replace("|", "%7C"), admin).json()
                .get("events").forEach(e -> audited.add(e.get("rule").asString() + ":" + e.get("status").asString()));
        return audited;
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DATABASE.getConnection()) {
            connection.createStatement().execute(statement);
        }
    }

    private static List<String> column(String query, String parameter) throws SQLException {
        try (Connection connection = DATABASE.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
