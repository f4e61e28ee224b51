package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, items 4 and 5, over HTTP: nested secrets never reach the trail (JSON page, CSV, NDJSON), and a client's
 * {@code X-Request-Id} is recorded as {@code client_request_id}, never as the row's {@code request_id}. Both failed
 * on the code before the fix (values in clear below the first level; the client's id as {@code request_id}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditEvidenceEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-evidence-1";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    private static final List<String> SECRETS = List.of("Sso-pass-771", "4711", "JBSWY3DPEHPK3PXP", "rc-alpha-1",
            "rc-beta-2", "Badge-990");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("AUDIT_SECRET_FIELDS", () -> "hr.badge");
    }

    @LocalServerPort
    int port;

    @Test
    void nested_secrets_appear_in_no_page_and_no_export() throws Exception {
        Http http = new Http(port);
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        Http.Response created = http.post("/api/v1/users", admin, """
                {"email":"nested@example.com","memberships":["Finance"],
                 "user_metadata":{"sso":{"provider":"okta","password":"Sso-pass-771"},"pin":"4711",
                                  "otp_seed":"JBSWY3DPEHPK3PXP","recovery_codes":["rc-alpha-1","rc-beta-2"],
                                  "hr":{"badge":"Badge-990","team":"payroll"}}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        String page = http.get("/api/v1/audit-events?action=user.create", admin).body();
        String csv = export(admin, "text/csv");
        String ndjson = export(admin, "application/x-ndjson");
        for (String secret : SECRETS) {
            assertThat(page).doesNotContain(secret);
            assertThat(csv).doesNotContain(secret);
            assertThat(ndjson).doesNotContain(secret);
        }
        // Still visible: that they were set, and every value that is not a secret.
        assertThat(page).contains("<redacted, changed>", "okta", "payroll", "user_metadata.otp_seed");
        assertThat(csv).contains("<redacted, changed>", "okta");
    }

    @Test
    void a_client_request_id_is_kept_beside_the_server_id_and_filterable() throws Exception {
        Http http = new Http(port);
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/users"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .header("X-Request-Id", "forged-request-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"rid@example.com\",\"memberships\":[\"Finance\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String serverId = created.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(serverId).isNotEqualTo("forged-request-1");
        assertThat(created.headers().firstValue("X-Client-Request-Id")).hasValue("forged-request-1");

        JsonNode events = http.get("/api/v1/audit-events?client_request_id=forged-request-1", admin).json().get("events");
        assertThat(events.size()).isEqualTo(1);
        assertThat(events.get(0).get("request_id").asString()).isEqualTo(serverId);
        assertThat(events.get(0).get("client_request_id").asString()).isEqualTo("forged-request-1");
        assertThat(http.get("/api/v1/audit-events?client_request_id=none-such", admin).json().get("events").size()).isZero();
        assertThat(export(admin, "text/csv")).contains(serverId + ",forged-request-1,");
    }

    private String export(String token, String accept) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/audit-events"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).header("Accept", accept)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
