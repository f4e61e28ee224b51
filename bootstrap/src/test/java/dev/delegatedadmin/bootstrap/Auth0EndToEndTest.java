package dev.delegatedadmin.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.delegatedadmin.adapters.auth0.FakeAuth0;
import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
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

/**
 * The whole service with IDP=auth0 against a fake tenant on WireMock (Management API, token endpoint, JWKS), callers
 * holding access tokens signed by a test key: Kelly's walkthrough passes as with the local IdP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class Auth0EndToEndTest {

    private static final String AUDIENCE = "https://delegated-admin.example.com/api";
    private static final String CLIENT_SECRET = "e2e-client-secret-must-not-leak";
    private static final String KELLY_PASSWORD = "Kelly-pass-e2e-5519";
    private static final String FRANK_PASSWORD = "Frank-pass-e2e-2284";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    private static final FakeAuth0 TENANT = new FakeAuth0();
    private static final WireMockServer AUTH0 = new WireMockServer(options().dynamicPort().extensions(TENANT));
    private static final RSAKey KEY;
    private static final RSAKey OTHER_KEY;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("e2e-key").generate();
            OTHER_KEY = new RSAKeyGenerator(2048).keyID("e2e-key").generate();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
        AUTH0.start();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        EndToEndSettings.auth0Tenant(registry, AUTH0::baseUrl, Auth0EndToEndTest::issuer, CLIENT_SECRET, AUDIENCE);
    }

    private static String issuer() {
        return AUTH0.baseUrl() + "/";
    }

    @LocalServerPort
    int port;

    private Http http;
    private String adminId;

    @BeforeEach
    void tenant() {
        AUTH0.resetAll();
        FakeAuth0.stub(AUTH0);
        AUTH0.stubFor(get(urlPathEqualTo("/.well-known/jwks.json"))
                .willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
        TENANT.reset();
        adminId = TENANT.seed("admin@example.com", Map.of("department", "IT", "roles", List.of("administrator")));
        http = new Http(port);
    }

    @Test
    void kelly_manages_finance_and_only_finance(CapturedOutput output) {
        String admin = token(adminId);

        Http.Response kellyCreated = http.post("/api/v1/users", admin, """
                {"email":"kelly@example.com","password":"%s","memberships":["Finance"],
                 "app_metadata":{"roles":["user-admin"]}}""".formatted(KELLY_PASSWORD));
        assertThat(kellyCreated.status()).as(kellyCreated.body()).isEqualTo(201);
        assertThat(kellyCreated.json().get("app_metadata").get("department").asString()).isEqualTo("Finance");
        String kelly = token(kellyCreated.json().get("user_id").asString());

        JsonNode me = http.get("/api/v1/me", kelly).json();
        assertThat(me.get("department").asString()).isEqualTo("Finance");
        assertThat(me.get("scope").get("all").asBoolean()).isFalse();
        assertThat(me.get("assignable_memberships").toString()).isEqualTo("[\"Finance\"]");

        Http.Response frank = http.post("/api/v1/users", kelly, """
                {"email":"frank@example.com","password":"%s","memberships":["Finance"]}""".formatted(FRANK_PASSWORD));
        assertThat(frank.status()).as(frank.body()).isEqualTo(201);
        assertThat(frank.header("Location")).startsWith("/api/v1/users/auth0%7C");
        String frankPath = frank.header("Location");

        Http.Response hr = http.post("/api/v1/users", kelly, """
                {"email":"hana@example.com","password":"Hana-pass-e2e-1","memberships":["HR"]}""");
        assertThat(hr.status()).isEqualTo(403);
        assertThat(hr.json().get("rule").asString()).isEqualTo("own-department-only");
        Http.Response escalation = http.post("/api/v1/users", kelly, """
                {"email":"eve@example.com","password":"Eve-pass-e2e-1","memberships":["Finance"],
                 "app_metadata":{"department":"IT"}}""");
        assertThat(escalation.status()).isEqualTo(403);
        assertThat(escalation.json().get("rule").asString()).isEqualTo("protected-field");

        assertThat(departmentsOf(http.get("/api/v1/users?per_page=100", kelly).json())).containsOnly("Finance");
        assertThat(emailsOf(http.get("/api/v1/users?per_page=100", kelly).json()))
                .contains("kelly@example.com", "frank@example.com").doesNotContain("admin@example.com");
        assertThat(departmentsOf(http.get("/api/v1/users?per_page=100", admin).json())).contains("Finance", "IT");
        Http.Response widened = http.get("/api/v1/users?search=%22%20OR%20app_metadata.department:%22IT", kelly);
        assertThat(widened.status()).isEqualTo(200);
        assertThat(emailsOf(widened.json())).isEmpty();

        Http.Response patched = http.patch(frankPath, kelly, "application/merge-patch+json",
                "{\"user_metadata\":{\"desk\":\"4.12\"},\"blocked\":true}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("blocked").asBoolean()).isTrue();
        // A blocked user's still-valid token is refused.
        String frankId = frankPath.substring("/api/v1/users/".length()).replace("%7C", "|");
        assertThat(http.get("/api/v1/me", token(frankId)).status()).isEqualTo(401);
        assertThat(http.delete(frankPath, kelly).status()).isEqualTo(204);
        assertThat(http.get(frankPath, kelly).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/users/" + adminId.replace("|", "%7C"), kelly).status()).isEqualTo(404);

        JsonNode events = http.get("/api/v1/audit-events?limit=200", admin).json().get("events");
        List<String> summary = new ArrayList<>();
        events.forEach(e -> summary.add(e.get("action").asString() + ":" + e.get("status").asString()
                + ":" + (e.get("rule").isNull() ? "" : e.get("rule").asString())));
        assertThat(summary).contains("user.create:succeeded:", "user.create:denied:own-department-only",
                "user.create:denied:protected-field", "user.update:succeeded:", "user.delete:succeeded:");
        for (String secret : List.of(KELLY_PASSWORD, FRANK_PASSWORD, CLIENT_SECRET, FakeAuth0.MANAGEMENT_TOKEN,
                admin, kelly)) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(events.toString()).doesNotContain(secret);
        }
        // Management API calls for the two creates that reached Auth0: one connection look-up, then one POST each.
        assertThat(AUTH0.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo("/api/v2/users")))).hasSize(2);
        assertThat(AUTH0.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v2/connections")))).hasSize(1);
    }

    /** With warm caches (the actor, the connection): the Management API calls each operation costs. */
    @Test
    void management_api_calls_per_operation() {
        String admin = token(adminId);
        assertThat(http.get("/api/v1/me", admin).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/users", admin, """
                {"email":"warm@example.com","password":"Warm-pass-e2e-1","memberships":["HR"]}""").status())
                .isEqualTo(201);

        Map<String, List<String>> calls = new java.util.LinkedHashMap<>();
        AUTH0.resetRequests();
        Http.Response created = http.post("/api/v1/users", admin, """
                {"email":"gil@example.com","password":"Gil-pass-e2e-1","memberships":["HR"]}""");
        assertThat(created.status()).isEqualTo(201);
        String path = created.header("Location");
        calls.put("create", managementCalls());
        assertThat(http.get(path, admin).status()).isEqualTo(200);
        calls.put("get", managementCalls());
        assertThat(http.get("/api/v1/users?search=gil&include_totals=true", admin).status()).isEqualTo(200);
        calls.put("list", managementCalls());
        assertThat(http.patch(path, admin, "application/json", "{\"blocked\":true}").status()).isEqualTo(200);
        calls.put("update", managementCalls());
        assertThat(http.patch(path, admin, "application/json",
                "{\"email\":\"gil2@example.com\",\"password\":\"Gil-pass-e2e-2\"}").status()).isEqualTo(200);
        calls.put("update email and password", managementCalls());
        assertThat(http.patch(path, admin, "application/json", "{\"blocked\":true}").status()).isEqualTo(200);
        calls.put("update without a change", managementCalls());
        assertThat(http.delete(path, admin).status()).isEqualTo(204);
        calls.put("delete", managementCalls());

        assertThat(calls).containsExactly(
                Map.entry("create", List.of("POST /api/v2/users")),
                Map.entry("get", List.of("GET /api/v2/users/{id}")),
                Map.entry("list", List.of("GET /api/v2/users")),
                Map.entry("update", List.of("GET /api/v2/users/{id}", "PATCH /api/v2/users/{id}")),
                Map.entry("update email and password",
                        List.of("GET /api/v2/users/{id}", "PATCH /api/v2/users/{id}", "PATCH /api/v2/users/{id}")),
                Map.entry("update without a change", List.of("GET /api/v2/users/{id}")),
                Map.entry("delete", List.of("GET /api/v2/users/{id}", "DELETE /api/v2/users/{id}")));
    }

    /** The Management API calls since the last look, oldest first, with user ids elided; then forgets them. */
    private static List<String> managementCalls() {
        List<String> lines = new ArrayList<>();
        AUTH0.getAllServeEvents().forEach(e -> {
            String url = e.getRequest().getUrl().split("\\?", 2)[0];
            if (url.startsWith("/api/v2/")) {
                lines.addFirst(e.getRequest().getMethod().getName() + " " + url.replaceAll("/users/[^/]+$", "/users/{id}"));
            }
        });
        AUTH0.resetRequests();
        return lines;
    }

    @Test
    void only_tokens_for_this_api_from_this_issuer_that_have_not_expired_are_accepted() {
        assertThat(http.get("/api/v1/me", token(adminId)).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/me", token(adminId, AUDIENCE, "https://evil.example.com/",
                Instant.now().plusSeconds(300), KEY)).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/me", token(adminId, "https://other-api.example.com", issuer(),
                Instant.now().plusSeconds(300), KEY)).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/me", token(adminId, AUDIENCE, issuer(),
                Instant.now().minusSeconds(120), KEY)).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/me", token(adminId, AUDIENCE, issuer(),
                Instant.now().plusSeconds(300), OTHER_KEY)).status()).isEqualTo(401);
        // No local log-in and no local keys with Auth0.
        assertThat(http.post("/api/v1/session", null, "{\"email\":\"a@example.com\",\"password\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(http.get("/.well-known/jwks.json", null).status()).isEqualTo(404);
    }

    /** Issue 11: the claim gave actors roles their targets' records did not show (a user-admin took them over). */
    @Test
    void roles_from_the_token_claim_are_ignored() {
        String auditorId = TENANT.seed("audrey@example.com", Map.of("department", "Finance"));
        String withClaim = token(auditorId, AUDIENCE, issuer(), Instant.now().plusSeconds(300), KEY,
                List.of("administrator"));
        assertThat(http.get("/api/v1/users", withClaim).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/users", token(auditorId)).status()).isEqualTo(403);
    }

    @Test
    void an_auth0_outage_is_a_503_with_retry_after() {
        String admin = token(adminId);
        assertThat(http.get("/api/v1/me", admin).status()).isEqualTo(200);
        AUTH0.stubFor(get(urlPathEqualTo("/api/v2/users")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));

        Http.Response outage = http.get("/api/v1/users", admin);

        assertThat(outage.status()).as(outage.body()).isEqualTo(503);
        assertThat(outage.header("Content-Type")).startsWith("application/problem+json");
        assertThat(outage.header("Retry-After")).isEqualTo("120");
    }

    // ------------------------------------------------------------------ helpers

    private String token(String subject) {
        return token(subject, AUDIENCE, issuer(), Instant.now().plusSeconds(300), KEY);
    }

    private static String token(String subject, String audience, String issuer, Instant expires, RSAKey key) {
        return token(subject, audience, issuer, expires, key, null);
    }

    private static String token(String subject, String audience, String issuer, Instant expires, RSAKey key,
                                List<String> roles) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issuer(issuer)
                    .audience(audience).issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))
                    .expirationTime(Date.from(expires));
            if (roles != null) {
                claims.claim("https://delegated-admin/roles", roles);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
}
