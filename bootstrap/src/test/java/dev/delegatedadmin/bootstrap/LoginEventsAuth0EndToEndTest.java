package dev.delegatedadmin.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Post-login provisioning with IDP=auth0 against the fake tenant (SPEC section 6, seeds 003 and 004): the signed
 * webhook, the Management API calls each login costs, at most once under replays and 20 concurrent copies, and the
 * shipped Action run by Node.js against the running service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class LoginEventsAuth0EndToEndTest {

    static final String SECRET = "login-events-secret-e2e-0123456789abcdef";
    static final String LOGIN_RULES = """
            login_rules:
              - id: finance-org
                when: {departments: [Finance]}
                assign_organization: {organization_id: org_finance}
              - id: default-role
                when: {first_login: true}
                assign_roles: [rol_basic]
              - id: stamp
                set_app_metadata: {provisioned_by: delegated-admin, first_connection: "{{connection.name}}"}
            """;
    private static final String AUDIENCE = "https://delegated-admin.example.com/api";
    private static final String CLIENT_SECRET = "e2e-login-client-secret-must-not-leak";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    private static final FakeAuth0 TENANT = new FakeAuth0();
    private static final WireMockServer AUTH0 = new WireMockServer(options().dynamicPort().extensions(TENANT));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RSAKey KEY;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("e2e-login-key").generate();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
        AUTH0.start();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        EndToEndSettings.auth0Tenant(registry, AUTH0::baseUrl, () -> AUTH0.baseUrl() + "/", CLIENT_SECRET, AUDIENCE);
        registry.add("LOGIN_EVENTS_SECRET", () -> SECRET);
        registry.add("POLICY_FILE", () -> policyFile(LOGIN_RULES));
    }

    /** The shipped default policy with these login rules. */
    static String policyFile(String loginRules) {
        try (var in = LoginEventsAuth0EndToEndTest.class.getResourceAsStream("/policy/default-policy.yaml")) {
            String shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(shipped).contains("login_rules: []");
            Path file = Files.createTempFile("policy-login-rules", ".yaml");
            Files.writeString(file, shipped.replace("login_rules: []", loginRules));
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;

    private Http http;
    private String admin;
    private String lena;

    @BeforeEach
    void tenant() {
        AUTH0.resetAll();
        FakeAuth0.stub(AUTH0);
        AUTH0.stubFor(get(urlPathEqualTo("/.well-known/jwks.json"))
                .willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
        TENANT.reset();
        TENANT.organization("org_finance", "con_db");
        admin = token(TENANT.seed("admin@example.com", Map.of("department", "IT", "roles", List.of("administrator"))));
        lena = TENANT.seed("lena-" + System.nanoTime() + "@example.com", Map.of("department", "Finance"));
        http = new Http(port);
    }

    @Test
    void first_login_adds_the_member_and_the_role_once_and_returns_the_metadata(CapturedOutput output) {
        String body = event(lena, "con_db", FakeAuth0.DATABASE, "auth0", 1, Map.of("department", "Finance"));
        String header = signature(Instant.now().getEpochSecond(), body);
        AUTH0.resetRequests();

        Http.Response first = signed(body, header);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(results(first.json())).containsExactly("finance-org:done", "default-role:done", "stamp:done");
        assertThat(first.json().get("app_metadata").toString()).isEqualTo(
                "{\"provisioned_by\":\"delegated-admin\",\"first_connection\":\"Username-Password-Authentication\"}");
        assertThat(TENANT.members("org_finance")).containsExactly(lena);
        assertThat(TENANT.roles(lena)).containsExactly("rol_basic");
        assertThat(AUTH0.findAll(postRequestedFor(urlPathEqualTo("/api/v2/organizations/org_finance/members")))
                .getFirst().getBodyAsString()).isEqualTo("{\"members\":[\"" + lena + "\"]}");
        // Management API calls for a first login: seed 003's check and add, seed 004's assignment. Nothing else.
        assertThat(managementCalls()).containsExactly(
                "GET /api/v2/organizations/org_finance/enabled_connections/con_db",
                "POST /api/v2/organizations/org_finance/members",
                "POST /api/v2/users/{id}/roles");

        // The same signed event again inside the window (an Action retry, or a replay): the same answer, and
        // nothing runs again: no Management API call, no audit row (issue 11 item 10).
        AUTH0.resetRequests();
        Http.Response replay = signed(body, header);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(managementCalls()).isEmpty();
        // The next login (refresh-token exchange): the metadata is set, the rest happened.
        Http.Response second = signed(event(lena, "con_db", FakeAuth0.DATABASE, "auth0", 2, Map.of(
                "department", "Finance", "provisioned_by", "delegated-admin",
                "first_connection", "Username-Password-Authentication")));
        assertThat(replayResults(second)).containsExactly("finance-org:skipped:already-applied",
                "default-role:skipped:condition-not-met", "stamp:skipped:already-set");
        assertThat(second.json().get("app_metadata").size()).isZero();
        assertThat(managementCalls()).isEmpty();

        JsonNode events = http.get("/api/v1/audit-events?action=login.rule&target=" + lena.replace("|", "%7C"), admin)
                .json().get("events");
        List<String> audited = new ArrayList<>();
        events.forEach(e -> audited.add(e.get("rule").asString() + ":" + e.get("status").asString()));
        assertThat(audited).containsExactlyInAnyOrder("finance-org:succeeded", "default-role:succeeded",
                "stamp:succeeded");
        for (String secret : List.of(SECRET, CLIENT_SECRET, FakeAuth0.MANAGEMENT_TOKEN)) {
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    @Test
    void a_connection_not_enabled_for_the_organization_adds_no_member_and_is_audited_as_skipped() {
        AUTH0.resetRequests();
        Http.Response response = signed(event(lena, "con_social", FakeAuth0.SOCIAL, "google-oauth2", 3,
                Map.of("department", "Finance")));

        assertThat(replayResults(response)).startsWith("finance-org:skipped:connection-not-enabled");
        assertThat(managementCalls()).containsExactly(
                "GET /api/v2/organizations/org_finance/enabled_connections/con_social");
        assertThat(TENANT.members("org_finance")).isEmpty();
        JsonNode event = null;
        for (JsonNode e : http.get("/api/v1/audit-events?action=login.rule&target=" + lena.replace("|", "%7C"), admin)
                .json().get("events")) {
            event = e.get("rule").asString().equals("finance-org") ? e : event;
        }
        assertThat(event).isNotNull();
        assertThat(event.get("rule").asString()).isEqualTo("finance-org");
        assertThat(event.get("status").asString()).isEqualTo("skipped");
        assertThat(event.get("message").asString()).contains("google-oauth2", "not enabled", "org_finance");
    }

    @Test
    void twenty_concurrent_copies_of_one_first_login_assign_once() throws Exception {
        String body = event(lena, "con_db", FakeAuth0.DATABASE, "auth0", 1, Map.of("department", "Finance"));
        String header = signature(Instant.now().getEpochSecond(), body);
        AUTH0.resetRequests();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return signed(body, header).status();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        }
        assertThat(AUTH0.findAll(postRequestedFor(urlPathMatching("/api/v2/users/.*/roles")))).hasSize(1);
        assertThat(AUTH0.findAll(postRequestedFor(urlPathEqualTo("/api/v2/organizations/org_finance/members"))))
                .hasSize(1);
        assertThat(TENANT.roles(lena)).containsExactly("rol_basic");
    }

    @Test
    void a_failed_assignment_fails_that_rule_only_and_the_next_login_retries_it() {
        AUTH0.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathMatching("/api/v2/users/.*/roles")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));
        Http.Response first = signed(event(lena, "con_db", FakeAuth0.DATABASE, "auth0", 1,
                Map.of("department", "Finance")));
        assertThat(first.status()).isEqualTo(200);
        assertThat(results(first.json())).containsExactly("finance-org:done", "default-role:failed", "stamp:done");

        AUTH0.resetAll();
        FakeAuth0.stub(AUTH0);
        Http.Response next = signed(event(lena, "con_db", FakeAuth0.DATABASE, "auth0", 2,
                Map.of("department", "Finance")));
        assertThat(results(next.json())).containsExactly("finance-org:skipped", "default-role:done", "stamp:done");
        assertThat(TENANT.roles(lena)).containsExactly("rol_basic");
    }

    @Test
    void bad_stale_or_missing_signatures_are_401_and_malformed_bodies_400() {
        String body = event(lena, "con_db", FakeAuth0.DATABASE, "auth0", 5, Map.of());
        long now = Instant.now().getEpochSecond();
        AUTH0.resetRequests();

        List<Http.Response> refused = List.of(
                post(body, null),
                post(body, "t=" + now + ",v1=" + "0".repeat(64)),
                post(body, signature(now - 301, body)),
                post(body, signature(now, body.replace("\"logins_count\":5", "\"logins_count\":1"))),
                post(body, "v1=abc"));
        for (Http.Response response : refused) {
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain(SECRET);
        }
        String malformed = "{\"user\":{\"user_id\":\"auth0|x\"},\"stats\":{\"logins_count\":\"one\"}}";
        Http.Response invalid = post(malformed, signature(now, malformed));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").toString()).contains("connection", "stats.logins_count");
        Http.Response notJson = post("{nope", signature(now, "{nope"));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(managementCalls()).isEmpty();
    }

    /** The shipped Action, run by Node.js with a fake event and api, against this service. */
    @Test
    void the_shipped_action_forwards_the_login_and_applies_the_metadata_and_fails_open() throws Exception {
        Path action = Path.of("..", "docs", "auth0-post-login-action.js").toAbsolutePath().normalize();
        assertThat(action).exists();
        String url = "http://127.0.0.1:" + port + "/api/v1/login-events";

        NodeRun run = node(action, url, SECRET);
        assertThat(run.exit()).as(run.output()).isZero();
        JsonNode calls = JSON.readTree(lastLine(run.output())).get("setAppMetadata");
        assertThat(calls.toString()).isEqualTo(
                "[[\"provisioned_by\",\"delegated-admin\"],[\"first_connection\",\"Username-Password-Authentication\"]]");
        assertThat(TENANT.roles(lena)).containsExactly("rol_basic");
        assertThat(TENANT.members("org_finance")).containsExactly(lena);

        // Down (nothing listens) or refusing (wrong secret): no metadata, no error, the login goes on.
        NodeRun down = node(action, "http://127.0.0.1:1/api/v1/login-events", SECRET);
        assertThat(down.exit()).as(down.output()).isZero();
        assertThat(JSON.readTree(lastLine(down.output())).get("setAppMetadata").size()).isZero();
        NodeRun refused = node(action, url, "another-secret-of-at-least-32-characters");
        assertThat(refused.exit()).as(refused.output()).isZero();
        assertThat(refused.output()).contains("answered with 401");
        assertThat(JSON.readTree(lastLine(refused.output())).get("setAppMetadata").size()).isZero();
    }

    // ------------------------------------------------------------------ helpers

    private record NodeRun(int exit, String output) {
    }

    /** Fails (not skips) without node: the Action is part of the product. */
    private NodeRun node(Path action, String url, String secret) throws Exception {
        Path harness = Files.createTempFile("action-harness", ".js");
        Files.writeString(harness, """
                const action = require(process.argv[2]);
                const calls = [];
                const event = {
                  user: { user_id: process.env.USER_ID, email: 'lena@example.com', name: 'Lena',
                          app_metadata: { department: 'Finance' }, user_metadata: {} },
                  connection: { id: 'con_db', name: 'Username-Password-Authentication', strategy: 'auth0' },
                  stats: { logins_count: 1 },
                  request: { ip: '203.0.113.7' },
                  secrets: { LOGIN_EVENTS_URL: process.env.URL, LOGIN_EVENTS_SECRET: process.env.SECRET },
                };
                const api = { user: { setAppMetadata: (key, value) => calls.push([key, value]) } };
                action.onExecutePostLogin(event, api).then(
                  () => console.log(JSON.stringify({ setAppMetadata: calls })),
                  (error) => { console.log('threw: ' + error); process.exit(3); });
                """);
        ProcessBuilder builder = new ProcessBuilder("node", harness.toString(), action.toString())
                .redirectErrorStream(true);
        builder.environment().put("USER_ID", lena);
        builder.environment().put("URL", url);
        builder.environment().put("SECRET", secret);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("Node.js (`node`, 18 or later) is needed to test docs/auth0-post-login-action.js",
                    e);
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.deleteIfExists(harness);
        return new NodeRun(process.exitValue(), output);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String event(String userId, String connectionId, String connection, String strategy, int count,
                                Map<String, Object> appMetadata) {
        return JSON.writeValueAsString(Map.of(
                "user", Map.of("user_id", userId, "email", "lena@example.com", "app_metadata", appMetadata),
                "connection", Map.of("id", connectionId, "name", connection, "strategy", strategy),
                "stats", Map.of("logins_count", count)));
    }

    static String signature(long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(
                    mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Http.Response signed(String body) {
        return signed(body, signature(Instant.now().getEpochSecond(), body));
    }

    private Http.Response signed(String body, String header) {
        return post(body, header);
    }

    private Http.Response post(String body, String header) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/login-events"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            request.header("X-Delegated-Admin-Signature", header);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> results(JsonNode response) {
        List<String> results = new ArrayList<>();
        response.get("results").forEach(r -> results.add(r.get("rule").asString() + ":" + r.get("status").asString()));
        return results;
    }

    private static List<String> replayResults(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> results = new ArrayList<>();
        response.json().get("results").forEach(r -> results.add(r.get("rule").asString() + ":"
                + r.get("status").asString() + (r.has("reason") ? ":" + r.get("reason").asString() : "")));
        return results;
    }

    private static List<String> managementCalls() {
        List<String> lines = new ArrayList<>();
        AUTH0.getAllServeEvents().forEach(e -> {
            String url = e.getRequest().getUrl().split("\\?", 2)[0];
            if (url.startsWith("/api/v2/")) {
                lines.addFirst(e.getRequest().getMethod().getName() + " "
                        + url.replaceAll("/users/[^/]+/roles$", "/users/{id}/roles"));
            }
        });
        AUTH0.resetRequests();
        return lines;
    }

    private static String token(String subject) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer(AUTH0.baseUrl() + "/")
                    .audience(AUDIENCE).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
