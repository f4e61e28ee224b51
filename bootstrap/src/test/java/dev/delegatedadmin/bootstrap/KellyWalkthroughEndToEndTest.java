package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The README's walkthrough, through HTTP, against the whole service and a real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class KellyWalkthroughEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-7731";
    private static final String KELLY_PASSWORD = "Kelly-pass-e2e-5519";
    private static final String FRANK_PASSWORD = "Frank-pass-e2e-2284";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void kelly_manages_finance_and_only_finance(CapturedOutput output) throws Exception {
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);

        Http.Response kellyCreated = http.post("/api/v1/users", admin, """
                {"email":"kelly@example.com","password":"%s","memberships":["Finance"],
                 "app_metadata":{"roles":["user-admin"]}}""".formatted(KELLY_PASSWORD));
        assertThat(kellyCreated.status()).as(kellyCreated.body()).isEqualTo(201);
        assertThat(kellyCreated.json().get("app_metadata").get("department").asString()).isEqualTo("Finance");

        String kelly = http.logIn("kelly@example.com", KELLY_PASSWORD);
        JsonNode me = http.get("/api/v1/me", kelly).json();
        assertThat(me.get("department").asString()).isEqualTo("Finance");
        assertThat(me.get("scope").get("all").asBoolean()).isFalse();
        assertThat(me.get("assignable_memberships").toString()).isEqualTo("[\"Finance\"]");

        Http.Response frank = http.post("/api/v1/users", kelly, """
                {"email":"frank@example.com","password":"%s","memberships":["Finance"]}""".formatted(FRANK_PASSWORD));
        assertThat(frank.status()).as(frank.body()).isEqualTo(201);
        assertThat(frank.header("Location")).startsWith("/api/v1/users/local%7C");
        assertThat(frank.header("X-Request-Id")).isNotBlank();
        String frankPath = frank.header("Location");

        Http.Response hr = http.post("/api/v1/users", kelly, """
                {"email":"hana@example.com","password":"Hana-pass-e2e-1","memberships":["HR"]}""");
        assertThat(hr.status()).isEqualTo(403);
        assertThat(hr.header("Content-Type")).startsWith("application/problem+json");
        assertThat(hr.json().get("rule").asString()).isEqualTo("own-department-only");
        assertThat(hr.json().get("detail").asString()).isEqualTo("You can only create users within your own department.");

        Http.Response escalation = http.post("/api/v1/users", kelly, """
                {"email":"eve@example.com","password":"Eve-pass-e2e-1","memberships":["Finance"],
                 "app_metadata":{"department":"IT"}}""");
        assertThat(escalation.status()).isEqualTo(403);
        assertThat(escalation.json().get("rule").asString()).isEqualTo("protected-field");

        // Kelly's list holds Finance users only; the administrator's holds everyone.
        assertThat(departmentsOf(http.get("/api/v1/users?per_page=100", kelly).json())).containsOnly("Finance");
        assertThat(emailsOf(http.get("/api/v1/users?per_page=100", kelly).json()))
                .contains("kelly@example.com", "frank@example.com").doesNotContain("admin@localhost");
        assertThat(departmentsOf(http.get("/api/v1/users?per_page=100", admin).json())).contains("Finance", "IT");

        // Update, block, log-in refused, delete.
        Http.Response patched = http.patch(frankPath, kelly, "application/merge-patch+json",
                "{\"user_metadata\":{\"desk\":\"4.12\"},\"blocked\":true}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("blocked").asBoolean()).isTrue();
        Http.Response blockedLogin = http.post("/api/v1/session", null,
                "{\"email\":\"frank@example.com\",\"password\":\"" + FRANK_PASSWORD + "\"}");
        assertThat(blockedLogin.status()).isEqualTo(401);
        assertThat(http.delete(frankPath, kelly).status()).isEqualTo(204);
        assertThat(http.get(frankPath, kelly).status()).isEqualTo(404);

        // The administrator's user is outside Kelly's scope: 404, not 403.
        String adminId = http.get("/api/v1/me", admin).json().get("user_id").asString();
        assertThat(http.get("/api/v1/users/" + adminId.replace("|", "%7C"), kelly).status()).isEqualTo(404);

        // The audit trail has the allowed and the denied attempts, and no secret anywhere.
        JsonNode events = http.get("/api/v1/audit-events?limit=200", admin).json().get("events");
        List<String> summary = new ArrayList<>();
        events.forEach(e -> summary.add(e.get("action").asString() + ":" + e.get("status").asString()
                + ":" + (e.get("rule").isNull() ? "" : e.get("rule").asString())));
        assertThat(summary).contains("user.create:succeeded:", "user.create:denied:own-department-only",
                "user.create:denied:protected-field", "user.update:succeeded:", "user.delete:succeeded:",
                "session.create:denied:user-blocked");
        String trail = dumpAuditTables();
        for (String secret : List.of(ADMIN_PASSWORD, KELLY_PASSWORD, FRANK_PASSWORD, admin, kelly)) {
            assertThat(trail).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(events.toString()).doesNotContain(secret);
        }
        assertThat(kellyCreated.body() + frank.body() + patched.body()).doesNotContainIgnoringCase("password");

        // The response's request id leads to the attempt's row: a support ticket can be traced.
        String requestId = frank.header("X-Request-Id");
        assertThat(events.valueStream().filter(e -> requestId.equals(e.get("request_id").asString()))
                .map(e -> e.get("action").asString() + ":" + e.get("status").asString()))
                .containsExactly("user.create:succeeded");

        // The sealer chains every row within moments, off the write path; the chain verifies.
        JsonNode verification = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            verification = http.get("/api/v1/audit-events/verify", admin).json();
            if (verification.get("unsealed_rows").asLong() == 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(verification.get("intact").asBoolean()).as("%s", verification).isTrue();
        assertThat(verification.get("unsealed_rows").asLong()).as("%s", verification).isZero();
        assertThat(verification.get("sealed_rows").asLong()).isGreaterThanOrEqualTo(events.size());
        assertThat(http.get("/api/v1/audit-events/verify", kelly).status()).isEqualTo(403);

        // The whole trail as NDJSON and CSV, streamed from PostgreSQL through the running service.
        java.net.http.HttpResponse<String> ndjson = export("application/x-ndjson", admin);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.body().lines().count()).isGreaterThanOrEqualTo(events.size());
        assertThat(ndjson.body()).contains("\"rule\":\"own-department-only\"");
        java.net.http.HttpResponse<String> csv = export("text/csv", admin);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().count()).isEqualTo(ndjson.body().lines().count() + 1);
        for (String secret : List.of(ADMIN_PASSWORD, KELLY_PASSWORD, FRANK_PASSWORD)) {
            assertThat(ndjson.body() + csv.body()).doesNotContain(secret);
        }
    }

    private java.net.http.HttpResponse<String> export(String mediaType, String token) throws Exception {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/audit-events"))
                    .header("Authorization", "Bearer " + token).header("Accept", mediaType).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void bad_input_gets_a_clear_4xx_through_the_whole_stack() {
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);

        assertProblem(http.post("/api/v1/users", admin, "{\"email\": "), 400);
        assertProblem(http.post("/api/v1/users", admin, "[1,2]"), 400);
        assertProblem(http.post("/api/v1/users", admin, "{\"email\":\"x@example.com\",\"memberships\":\"Finance\"}"), 400);
        assertProblem(http.post("/api/v1/users", admin, "{\"email\":\"x@example.com\",\"memberships\":[\"Finance\"],\"is_admin\":true}"), 400);
        Http.Response unknown = http.post("/api/v1/users", admin,
                "{\"email\":\"x@example.com\",\"memberships\":[\"Atlantis\"]}");
        assertProblem(unknown, 400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("memberships[0]");
        assertProblem(http.post("/api/v1/users", admin, "{\"email\":\"not-an-email\",\"memberships\":[\"Finance\"]}"), 400);
        assertProblem(http.post("/api/v1/users", admin, "{\"email\":\"x@example.com\",\"password\":\"short\",\"memberships\":[\"Finance\"]}"), 400);
        assertProblem(http.post("/api/v1/users", admin, "{\"blob\":\"" + "x".repeat(100_000) + "\"}"), 413);
        assertProblem(http.get("/api/v1/users?per_page=101", admin), 400);
        assertProblem(http.get("/api/v1/users?page=abc", admin), 400);
        assertProblem(http.get("/api/v1/users?department=Atlantis", admin), 400);
        assertProblem(http.get("/api/v1/audit-events?cursor=!!not-a-cursor!!", admin), 400);
        assertProblem(http.patch("/api/v1/users/local%7Cnope", admin, "application/merge-patch+json", "{\"blocked\":true}"), 404);
        assertProblem(http.patch("/api/v1/users/local%7Cnope", admin, "text/plain", "blocked"), 415);

        // Tokens: none, garbage, forged (valid shape, wrong signature).
        assertProblem(http.get("/api/v1/me", null), 401);
        assertProblem(http.get("/api/v1/me", "not-a-jwt"), 401);
        String[] parts = admin.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertProblem(http.get("/api/v1/me", forged), 401);
        assertProblem(http.post("/api/v1/session", null, "{\"email\":\"admin@localhost\",\"password\":\"wrong-password\"}"), 401);

        // Search text that tries to widen the scope stays inside it.
        assertThat(http.post("/api/v1/users", admin, """
                {"email":"sam@example.com","password":"Sam-pass-e2e-1","memberships":["Finance"],
                 "app_metadata":{"roles":["auditor"]}}""").status()).isEqualTo(201);
        assertThat(http.post("/api/v1/users", admin, """
                {"email":"hugo@example.com","memberships":["HR"]}""").status()).isEqualTo(201);
        String sam = http.logIn("sam@example.com", "Sam-pass-e2e-1");
        for (String text : List.of("%22%20OR%20app_metadata.department:%22HR", "%25", "_", "*", "hugo")) {
            Http.Response search = http.get("/api/v1/users?search=" + text, sam);
            assertThat(search.status()).as(text).isEqualTo(200);
            assertThat(departmentsOf(search.json())).as(text).doesNotContain("HR");
        }
        assertThat(emailsOf(http.get("/api/v1/users?department=HR", sam).json())).isEmpty();
        assertProblem(http.post("/api/v1/users", sam, "{\"email\":\"y@example.com\",\"memberships\":[\"Finance\"]}"), 403);
    }

    private static List<String> departmentsOf(JsonNode page) {
        List<String> departments = new ArrayList<>();
        page.get("users").forEach(u -> departments.add(u.get("app_metadata").path("department").asString("")));
        return departments;
    }

    private static List<String> emailsOf(JsonNode page) {
        List<String> emails = new ArrayList<>();
        page.get("users").forEach(u -> emails.add(u.get("email").asString()));
        return emails;
    }

    @Test
    void public_endpoints() {
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(http.get("/v3/api-docs", null).status()).isEqualTo(200);
        JsonNode keys = http.get("/.well-known/jwks.json", null).json().get("keys");
        assertThat(keys.get(0).get("kty").asString()).isEqualTo("RSA");
        assertThat(keys.get(0).has("d")).as("no private part").isFalse();
    }

    private static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asString()).isNotBlank();
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    private static String dumpAuditTables() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection connection = DATABASE.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("audit_event", "audit_outcome", "audit_seal")) {
                try (ResultSet rows = statement.executeQuery("select t::text from " + table + " t")) {
                    while (rows.next()) {
                        all.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        assertThat(all).isNotEmpty();
        return all.toString();
    }
}
