package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.domain.department.Department;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The policy document through the whole service and a real PostgreSQL: POLICY_FILE at start, custom fields on
 * create and update, and a second instance on the same database following a change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PolicyAdministrationEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-4410";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    private static final Path POLICY_FILE = policyFile("""
            departments: [Finance, HR, IT, Sales]
            unrestricted_departments: [IT]
            also_manages:
              HR: [Finance]
            write_rules:
              - kind: membership_required
              - kind: actor_department_required
              - kind: memberships_within_scope
              - kind: department_from_first_membership
              - kind: protected_fields
                fields:
                  - {path: app_metadata.department, editable_by: []}
                  - {path: app_metadata.roles, editable_by: [administrator]}
              - kind: database_connection_only
            user_fields:
              - name: employee_type
                location: app_metadata.employee_type
                type: enum
                allowed_values: [staff, contractor]
                required: true
              - name: contract_end
                location: app_metadata.contract_end
                type: date
            """);

    private static Path policyFile(String yaml) {
        try {
            Path file = Files.createTempFile("policy", ".yaml");
            Files.writeString(file, yaml);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("POLICY_FILE", POLICY_FILE::toString);
        registry.add("POLICY_REFRESH_INTERVAL", () -> "200ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    PolicyStore policyStore;

    private Http http;
    private String admin;

    @BeforeEach
    void logIn() {
        http = new Http(port);
        admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
    }

    /** Another instance of the service on the same database. */
    private static ConfigurableApplicationContext secondInstance(Path policyFile) {
        TestDatabase.ConnectionInfo info = TestDatabase.connectionInfo(DATABASE);
        return new SpringApplicationBuilder(DelegatedAdminApplication.class).properties(
                "DATABASE_URL=" + info.url(), "DATABASE_USER=" + info.user(),
                "DATABASE_PASSWORD=" + (info.password() == null ? "" : info.password()),
                "BOOTSTRAP_ADMIN_PASSWORD=" + ADMIN_PASSWORD, "POLICY_FILE=" + policyFile,
                "POLICY_REFRESH_INTERVAL=200ms", "SERVER_PORT=0",
                "SIGNING_KEY_SECRET=" + EndToEndSettings.SIGNING_KEY_SECRET).run();
    }

    @Test
    void the_file_is_version_1_and_custom_fields_are_validated_on_create_and_update() {
        JsonNode current = http.get("/api/v1/policies", admin).json();
        assertThat(current.get("source").asString()).isEqualTo("file");
        assertThat(current.get("source_name").asString()).isEqualTo(POLICY_FILE.toString());

        Http.Response bad = http.post("/api/v1/users", admin, """
                {"email":"carl@example.com","password":"Carl-pass-e2e-1","memberships":["Finance"],
                 "app_metadata":{"contract_end":"soon"}}""");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().get("errors").toString()).isEqualTo(
                "[{\"field\":\"app_metadata.employee_type\",\"message\":\"Required.\"},"
                        + "{\"field\":\"app_metadata.contract_end\",\"message\":\"Must be a date (YYYY-MM-DD).\"}]");

        Http.Response carl = http.post("/api/v1/users", admin, """
                {"email":"carl@example.com","password":"Carl-pass-e2e-1","memberships":["Finance"],
                 "app_metadata":{"employee_type":"contractor","contract_end":"2027-03-31"}}""");
        assertThat(carl.status()).as(carl.body()).isEqualTo(201);

        Http.Response patch = http.patch(carl.header("Location"), admin, "application/merge-patch+json",
                "{\"app_metadata\":{\"employee_type\":\"intern\",\"contract_end\":null}}");
        assertThat(patch.status()).as(patch.body()).isEqualTo(400);
        assertThat(patch.json().get("errors").get(0).get("field").asString()).isEqualTo("app_metadata.employee_type");
        assertThat(patch.json().get("errors").size()).isEqualTo(1);
    }

    @Test
    void an_unchanged_file_is_not_stored_again_and_a_changed_one_is() throws IOException, InterruptedException {
        int before = versionCount();
        long original = http.get("/api/v1/policies", admin).json().get("version").asLong();
        try (ConfigurableApplicationContext second = secondInstance(POLICY_FILE)) {
            assertThat(second.getBean(PolicyConfiguration.PolicyFileLoad.class).newVersion()).isEmpty();
        }
        assertThat(versionCount()).isEqualTo(before);

        Path changed = policyFile(Files.readString(POLICY_FILE).replace("[Finance, HR, IT, Sales]", "[Finance, HR, IT, Sales, Legal]"));
        try (ConfigurableApplicationContext third = secondInstance(changed)) {
            assertThat(third.getBean(PolicyConfiguration.PolicyFileLoad.class).newVersion()).isPresent();
        }
        assertThat(versionCount()).isEqualTo(before + 1);
        awaitDepartment(policyStore, "Legal", true);
        // Put the original back for the other tests (a rollback, audited like any other).
        assertThat(http.post("/api/v1/policies/versions/" + original + "/activate", admin, "").status()).isEqualTo(200);
        awaitDepartment(policyStore, "Legal", false);
    }

    @Test
    void an_invalid_file_stops_the_start_with_every_error() {
        Path invalid = policyFile("""
                departments: [Finance, IT]
                write_rules:
                  - kind: foo
                  - kind: email_domains
                    by_department: {Legal: [legal.example.com]}
                """);
        int before = versionCount();

        assertThatThrownBy(() -> secondInstance(invalid).close())
                .hasStackTraceContaining("is not a valid policy document:")
                .hasStackTraceContaining("write_rules[0].kind: Unknown rule kind \"foo\"")
                .hasStackTraceContaining("write_rules[1].by_department.Legal: Unknown department \"Legal\".");
        assertThat(versionCount()).isEqualTo(before);
    }

    @Test
    void a_second_instance_follows_a_change_made_through_the_first_within_seconds() throws InterruptedException {
        long original = http.get("/api/v1/policies", admin).json().get("version").asLong();
        try (ConfigurableApplicationContext second = secondInstance(POLICY_FILE)) {
            PolicyStore other = second.getBean(PolicyStore.class);
            assertThat(other.activePolicy().departments().alsoManages()).containsKey(new Department("HR"));

            JsonNode current = http.get("/api/v1/policies", admin).json().get("document");
            String withoutAlsoManages = current.toString().replaceAll(",?\"also_manages\":\\{[^}]*\\}", "");
            Http.Response put = http.put("/api/v1/policies", admin, withoutAlsoManages);
            assertThat(put.status()).as(put.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(other.activePolicy().departments().alsoManages()).isEmpty());

            // Giving HR back its Finance users widens a scope: confirmed (issue 11).
            assertThat(http.post("/api/v1/policies/versions/" + original + "/activate", admin, "").status()).isEqualTo(409);
            assertThat(http.post("/api/v1/policies/versions/" + original + "/activate?confirm=weaken", admin, "")
                    .status()).isEqualTo(200);
        }
    }

    /** Issue 11, item 7: {@code write_rules: []} removed every restriction at once (200). */
    @Test
    void a_change_that_weakens_a_protection_needs_confirmation_and_is_audited_with_what_it_weakens() {
        JsonNode active = http.get("/api/v1/policies", admin).json();
        long original = active.get("version").asLong();
        String document = active.get("document").toString();
        int before = versionCount();

        String noRules = document.replaceAll("\"write_rules\":\\[.*?\\],\"user_fields\"", "\"write_rules\":[],\"user_fields\"");
        assertThat(noRules).contains("\"write_rules\":[]");
        Http.Response refused = http.put("/api/v1/policies", admin, noRules);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("weakens").toString()).contains("The rule kind membership_required is removed.",
                "The rule kind protected_fields is removed.");
        assertThat(http.get("/api/v1/policies", admin).json().get("version").asLong()).isEqualTo(original);

        String rolesByUserAdmins = document.replace("\"editable_by\":[\"administrator\"]", "\"editable_by\":[\"user-admin\"]");
        assertThat(http.put("/api/v1/policies", admin, rolesByUserAdmins).json().get("weakens").toString())
                .contains("app_metadata.roles becomes editable by a lower role (user-admin instead of administrator).");
        String hrUnrestricted = document.replace("\"unrestricted_departments\":[\"IT\"]", "\"unrestricted_departments\":[\"IT\",\"HR\"]");
        assertThat(http.put("/api/v1/policies", admin, hrUnrestricted).json().get("weakens").toString())
                .contains("The department HR becomes unrestricted.");
        assertThat(http.put("/api/v1/policies?confirm=yes", admin, noRules).status()).isEqualTo(400);
        assertThat(versionCount()).isEqualTo(before);

        Http.Response confirmed = http.put("/api/v1/policies?confirm=weaken", admin, noRules);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        JsonNode events = http.get("/api/v1/audit-events?action=policy.update&limit=20", admin).json().get("events");
        assertThat(events.toString()).contains("confirmed, it weakens: The rule kind membership_required is removed.")
                .contains("weakens-protections");
        // Back to the original: stricter, so no confirmation.
        assertThat(http.post("/api/v1/policies/versions/" + original + "/activate", admin, "").status()).isEqualTo(200);
    }

    private int versionCount() {
        return http.get("/api/v1/policies/versions", admin).json().get("versions").size();
    }

    private static void awaitDepartment(PolicyStore store, String name, boolean present) throws InterruptedException {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(store.activePolicy().departments().isKnown(new Department(name))).isEqualTo(present));
    }
}
