package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import dev.delegatedadmin.bootstrap.TestUsers.TestUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11 items 6 and 8, through HTTP against the whole service (local IdP): operators read only the audit trail
 * of their scope, in every format and with every filter; a taken email outside the scope answers 409 without
 * saying where the address lives, in the response or in the trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditScopeEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-6113";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, TestDatabase.freshDatabase());
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    private Http http;
    private String admin;
    private TestUser hrOperator;
    private TestUser itOperator;
    private TestUser hrAdmin;
    private TestUser financeAdmin;
    private TestUser fred;
    private TestUser hana;
    private Http.Response createConflict;
    private Http.Response emailConflict;

    @BeforeAll
    void trail() {
        http = new Http(port);
        admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        TestUsers users = new TestUsers(http, admin);
        hrOperator = users.create("hr-operator@example.com", "HR", "operator");
        itOperator = users.create("it-operator@example.com", "IT", "operator");
        hrAdmin = users.create("hr-admin@example.com", "HR", "user-admin");
        financeAdmin = users.create("finance-admin@example.com", "Finance", "user-admin");
        fred = users.create("fred@example.com", "Finance");
        hana = users.create("hana@example.com", "HR");

        assertThat(http.patch(path(fred), financeAdmin.token(), "application/merge-patch+json",
                "{\"user_metadata\":{\"desk\":\"F-secret-desk\"}}").status()).isEqualTo(200);
        assertThat(http.patch(path(hana), hrAdmin.token(), "application/merge-patch+json",
                "{\"user_metadata\":{\"desk\":\"H-1\"}}").status()).isEqualTo(200);
        // The HR user-admin probes a Finance id (raw |): 404 like an unknown id, audited as out-of-scope.
        assertThat(http.raw("PATCH", "/api/v1/users/" + fred.id(), hrAdmin.token(), "application/merge-patch+json",
                "{\"blocked\":true}").status()).isEqualTo(404);
        createConflict = http.post("/api/v1/users", hrAdmin.token(), """
                {"email":"fred@example.com","password":"Other-pass-e2e-1","memberships":["HR"]}""");
        emailConflict = http.patch(path(hana), hrAdmin.token(), "application/merge-patch+json",
                "{\"email\":\"fred@example.com\"}");
        // An event with no department at all: a login attempt for an unknown email.
        assertThat(http.post("/api/v1/session", null, "{\"email\":\"nobody@example.com\",\"password\":\"wrong-pass-1\"}")
                .status()).isEqualTo(401);
    }

    @Test
    void the_hr_operator_gets_no_finance_event_with_department_finance_in_any_format() {
        Http.Response page = http.get("/api/v1/audit-events?department=Finance&limit=200", hrOperator.token());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().get("events").size()).as(page.body()).isZero();
        for (String format : List.of("application/x-ndjson", "text/csv")) {
            Http.Response export = export("?department=Finance", format, hrOperator);
            assertThat(export.status()).isEqualTo(200);
            assertNothingOfFinance(export.body());
        }
        // Compared with an administrator, who sees the Finance user-admin's change.
        String all = http.get("/api/v1/audit-events?department=Finance&limit=200", admin).body();
        assertThat(all).contains("F-secret-desk", financeAdmin.email());
    }

    @Test
    void the_hr_operator_sees_hr_events_and_nothing_of_finance_in_the_whole_trail() {
        JsonNode events = http.get("/api/v1/audit-events?limit=200", hrOperator.token()).json().get("events");
        assertNothingOfFinance(events.toString());
        assertThat(summary(events)).contains("user.update:succeeded:" + hana.email(), "user.create:succeeded:" + hana.email());
        for (JsonNode event : events) {
            assertThat(List.of(event.path("actor_department").asString(""), event.path("target_department").asString("")))
                    .as("%s", event).contains("HR");
        }
        for (String format : List.of("application/x-ndjson", "text/csv")) {
            Http.Response export = export("", format, hrOperator);
            assertThat(export.status()).isEqualTo(200);
            assertNothingOfFinance(export.body());
            assertThat(export.body()).contains(hana.email(), "H-1");
        }
        // Events with no department at all (the unknown email's login) are not in HR's scope.
        assertThat(events.toString()).doesNotContain("nobody@example.com");
        assertThat(http.get("/api/v1/audit-events/verify", hrOperator.token()).status()).isEqualTo(403);
    }

    @Test
    void the_probe_of_an_out_of_scope_id_is_visible_to_the_hr_operator_without_its_department() {
        JsonNode probe = only(http.get("/api/v1/audit-events?rule=out-of-scope", hrOperator.token()).json());
        assertThat(probe.get("actor_id").asString()).isEqualTo(hrAdmin.id());
        assertThat(probe.get("target_id").asString()).isEqualTo(fred.id());
        assertThat(probe.get("target_department").isNull()).as("%s", probe).isTrue();
        assertThat(probe.get("target_email").isNull()).as("%s", probe).isTrue();
        // Filtering on the department cannot find it out either.
        assertThat(http.get("/api/v1/audit-events?rule=out-of-scope&department=Finance", hrOperator.token()).json()
                .get("events").size()).isZero();
        JsonNode seenByAdmin = only(http.get("/api/v1/audit-events?rule=out-of-scope", admin).json());
        assertThat(seenByAdmin.get("target_department").asString()).isEqualTo("Finance");
    }

    @Test
    void unrestricted_operators_and_administrators_see_every_department() {
        for (String token : List.of(itOperator.token(), admin)) {
            String body = http.get("/api/v1/audit-events?limit=200", token).body();
            assertThat(body).contains("F-secret-desk", "H-1", "nobody@example.com");
            assertThat(export("?department=Finance", "text/csv", itOperator).body()).contains("F-secret-desk");
        }
    }

    /** Item 8, accepted: the 409 tells an HR user-admin that the address is taken, never where or by whom. */
    @Test
    void a_taken_email_outside_the_scope_is_a_409_that_names_neither_the_department_nor_the_user() {
        for (Http.Response conflict : List.of(createConflict, emailConflict)) {
            assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
            assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
            assertThat(conflict.body()).doesNotContain("Finance", fred.id(), fred.id().replace("|", "%7C"));
        }
        JsonNode failed = http.get("/api/v1/audit-events?outcome=failed&actor=" + hrAdmin.id().replace("|", "%7C"),
                hrOperator.token()).json().get("events");
        assertThat(failed.size()).as("%s", failed).isEqualTo(2);
        assertThat(failed.toString()).doesNotContain("Finance", fred.id());
        for (JsonNode event : failed) {
            assertThat(event.get("target_department").asString()).isEqualTo("HR");
        }
    }

    private void assertNothingOfFinance(String body) {
        assertThat(body).doesNotContain("Finance", "F-secret-desk", financeAdmin.email(), financeAdmin.id());
    }

    private Http.Response export(String query, String mediaType, TestUser reader) {
        return http.getAccepting("/api/v1/audit-events" + query, reader.token(), mediaType);
    }

    private static String path(TestUser user) {
        return "/api/v1/users/" + user.id().replace("|", "%7C");
    }

    private static JsonNode only(JsonNode page) {
        assertThat(page.get("events").size()).as("%s", page).isEqualTo(1);
        return page.get("events").get(0);
    }

    private static List<String> summary(JsonNode events) {
        List<String> lines = new ArrayList<>();
        events.forEach(e -> lines.add(e.get("action").asString() + ":" + e.get("status").asString() + ":"
                + e.path("target_email").asString("")));
        return lines;
    }
}
