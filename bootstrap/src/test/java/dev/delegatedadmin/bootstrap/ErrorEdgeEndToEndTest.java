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
