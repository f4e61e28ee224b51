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
import tools.jackson.databind.JsonNode;

/** Client errors at the edge, sent as curl would send them (raw {@code |}), answered as problems, never 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorEdgeEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-edge-4471";
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
    private RawHttp raw;

    @BeforeEach
    void clients() {
        http = new Http(port);
        raw = new RawHttp(port);
    }

    @Test
    void a_raw_pipe_in_a_user_path_is_answered_like_an_encoded_one() {
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        Http.Response kellyCreated = http.post("/api/v1/users", admin, """
                {"email":"kelly.edge@example.com","password":"Kelly-pass-edge-1","memberships":["Finance"],
                 "app_metadata":{"roles":["user-admin"]}}""");
        assertThat(kellyCreated.status()).as(kellyCreated.body()).isEqualTo(201);
        Http.Response hr = http.post("/api/v1/users", admin, """
                {"email":"hana.edge@example.com","password":"Hana-pass-edge-1","memberships":["HR"]}""");
        assertThat(hr.status()).as(hr.body()).isEqualTo(201);
        String hrRawPath = "/api/v1/users/" + hr.json().get("user_id").asString();
        assertThat(hrRawPath).contains("|");
        String kelly = http.logIn("kelly.edge@example.com", "Kelly-pass-edge-1");

        JsonNode unknown = problem(raw.send("GET", "/api/v1/users/local|unknown", admin), 404);
        assertThat(unknown.get("instance").asString()).isEqualTo("/api/v1/users/local%7Cunknown");

        problem(raw.send("GET", hrRawPath, kelly), 404);
        problem(raw.send("PATCH", hrRawPath, kelly, "application/merge-patch+json", "{\"blocked\":true}"), 404);
        problem(raw.send("DELETE", hrRawPath, kelly), 404);

        RawHttp.Response anonymous = raw.send("GET", "/api/v1/users/local|unknown", null);
        problem(anonymous, 401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        problem(raw.send("DELETE", hrRawPath, (String) null), 401);

        // The user was neither blocked nor deleted by the refused calls.
        Http.Response still = http.get(hrRawPath.replace("|", "%7C"), admin);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.json().get("blocked").asBoolean()).isFalse();
    }

    @Test
    void values_the_database_cannot_hold_are_400s_naming_the_field() throws Exception {
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        long usersBefore = count("select count(*) from local_user");
        long auditBefore = count("select count(*) from audit_event where rule is distinct from 'invalid-input'");
        long refusedBefore = count("select count(*) from audit_event where rule = 'invalid-input'");

        // Outside PostgreSQL's timestamp range.
        for (String field : new String[] {"from", "to"}) {
            for (String instant : new String[] {"%2B294277-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z"}) {
                assertField(raw.send("GET", "/api/v1/audit-events?" + field + "=" + instant, admin), field);
            }
        }
        // U+0000 in audit filters, in the JSON list and in both exports (before any byte of the export is sent).
        for (String field : new String[] {"actor", "target", "rule", "department"}) {
            assertField(raw.send("GET", "/api/v1/audit-events?" + field + "=a%00b", admin), field);
            for (String accept : new String[] {"text/csv", "application/x-ndjson"}) {
                assertField(raw.send("GET", "/api/v1/audit-events?" + field + "=a%00b",
                        java.util.Map.of("Authorization", "Bearer " + admin, "Accept", accept), null, null), field);
            }
        }
        assertField(raw.send("GET", "/api/v1/users?search=a%00b", admin), "search");
        // U+0000 and unpaired surrogates in bodies: metadata values and keys, emails, memberships.
        String[][] bodies = {
                {"user_metadata.note", "{\"email\":\"nul1@example.com\",\"password\":\"Nul-pass-1\",\"memberships\":[\"Finance\"],\"user_metadata\":{\"note\":\"a\\u0000b\"}}"},
                {"user_metadata", "{\"email\":\"nul2@example.com\",\"password\":\"Nul-pass-1\",\"memberships\":[\"Finance\"],\"user_metadata\":{\"k\\u0000\":1}}"},
                {"email", "{\"email\":\"nul\\u0000@example.com\",\"password\":\"Nul-pass-1\",\"memberships\":[\"Finance\"]}"},
                {"app_metadata.x", "{\"email\":\"sur@example.com\",\"password\":\"Nul-pass-1\",\"memberships\":[\"Finance\"],\"app_metadata\":{\"x\":\"\\ud800\"}}"},
                {"memberships[0]", "{\"email\":\"sur2@example.com\",\"password\":\"Nul-pass-1\",\"memberships\":[\"Fin\\udc00\"]}"},
                {"email", "{\"email\":\"zw\\u200bsp@example.com\",\"password\":\"Nul-pass-1\",\"memberships\":[\"Finance\"]}"},
                {"email", "{\"email\":\"bidi\\u202e@example.com\",\"password\":\"Nul-pass-1\",\"memberships\":[\"Finance\"]}"},
        };
        for (String[] body : bodies) {
            assertField(raw.send("POST", "/api/v1/users", admin, "application/json", body[1]), body[0]);
        }
        assertField(raw.send("PATCH", "/api/v1/users/local|nobody", admin, "application/merge-patch+json",
                "{\"user_metadata\":{\"a\":\"\\u0000\"}}"), "user_metadata.a");
        // The 1,000-result window, without integer overflow.
        assertField(raw.send("GET", "/api/v1/users?page=2147483647", admin), "page");
        assertField(raw.send("GET", "/api/v1/users?page=2147483647&per_page=100", admin), "page");

        assertThat(count("select count(*) from local_user")).isEqualTo(usersBefore);
        // 400s for malformed input are not audited (docs/decisions/faults.md): nothing was decided. Except a user write
        // refused for a string the database cannot hold: its attempt is (issue 13 item 3), once per refused request.
        assertThat(count("select count(*) from audit_event where rule is distinct from 'invalid-input'"))
                .isEqualTo(auditBefore);
        assertThat(count("select count(*) from audit_event where rule = 'invalid-input'")).isEqualTo(refusedBefore + 6);
    }

    @Test
    void a_create_refused_for_nul_in_its_metadata_is_audited_without_the_nul_or_the_password() throws Exception {
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        long lastBefore = count("select coalesce(max(id), 0) from audit_event");
        String password = "Refused-pass-8817";

        assertField(raw.send("POST", "/api/v1/users", admin, "application/json", "{\"email\":\"refused@example.com\","
                + "\"password\":\"" + password + "\",\"memberships\":[\"Finance\"],"
                + "\"user_metadata\":{\"note\":\"a\\u0000b\"}}"), "user_metadata.note");

        java.util.List<String> rows = new java.util.ArrayList<>();
        try (java.sql.Connection connection = DATABASE.getConnection();
             java.sql.PreparedStatement select = connection.prepareStatement(
                     "select row_to_json(e)::text from audit_event e where id > ? order by id")) {
            select.setLong(1, lastBefore);
            try (java.sql.ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
        }
        assertThat(rows).hasSize(1);
        JsonNode row = new tools.jackson.databind.ObjectMapper().readTree(rows.getFirst());
        assertThat(row.get("action").asString()).isEqualTo("user.create");
        assertThat(row.get("decision").asString()).isEqualTo("denied");
        assertThat(row.get("status").asString()).isEqualTo("denied");
        assertThat(row.get("rule").asString()).isEqualTo("invalid-input");
        assertThat(row.get("actor_email").asString()).isEqualTo("admin@localhost");
        assertThat(row.get("message").asString()).contains("user_metadata.note");
        assertThat(rows.getFirst()).doesNotContain(password).doesNotContain("\\u0000").doesNotContain("\u0000")
                .doesNotContain("a\\u0000b");
        assertThat(count("select count(*) from local_user where email = 'refused@example.com'")).isZero();
    }

    @Test
    void the_containers_own_refusals_are_problems_with_a_request_id() {
        for (String target : new String[] {"/api/v1/users/%00", "/api/v1/users/..%2F..%2Fetc", "/api/v1/users/%2e%2e/%2e%2e/etc",
                "/api/v1/users/%zz", "/api/v1/users/a%5Cb", "/api/v1/users/a;b=c/..", "/api/v1/users/\u00e9"}) {
            RawHttp.Response response = raw.send("GET", target, (String) null);
            assertThat(response.status()).as(target + " " + response.body()).isBetween(400, 499);
            problem(response, response.status());
        }
        RawHttp.Response bigHeader = raw.send("GET", "/api/v1/me", "x".repeat(9 * 1024));
        assertThat(bigHeader.status()).as(bigHeader.body()).isIn(400, 431);
        problem(bigHeader, bigHeader.status());
        RawHttp.Response bigCookie = raw.send("GET", "/api/v1/me", java.util.Map.of("Cookie", "c=" + "y".repeat(20 * 1024)), null, null);
        assertThat(bigCookie.status()).as(bigCookie.body()).isIn(400, 431);
        problem(bigCookie, bigCookie.status());
    }

    @Test
    void the_openapi_servers_do_not_reflect_the_host_header() {
        for (String host : new String[] {"evil.example", "attacker.example:8443", "127.0.0.1:" + port}) {
            RawHttp.Response response = raw.send("GET", "/v3/api-docs", java.util.Map.of("Host", host), null, null);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("servers").get(0).get("url").asString()).isEqualTo("/");
            assertThat(response.body()).doesNotContain(host.split(":")[0]);
        }
    }

    private static void assertField(RawHttp.Response response, String field) {
        JsonNode body = problem(response, 400);
        assertThat(body.get("errors").toString()).as(response.body()).contains("\"field\":\"" + field + "\"");
    }

    private static long count(String sql) throws java.sql.SQLException {
        try (java.sql.Connection connection = DATABASE.getConnection();
             java.sql.ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static JsonNode problem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("request_id").asString()).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return body;
    }
}
