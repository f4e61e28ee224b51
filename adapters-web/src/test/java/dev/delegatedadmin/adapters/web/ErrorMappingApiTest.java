package dev.delegatedadmin.adapters.web;

import dev.delegatedadmin.adapters.web.http.ProblemDetailsAdvice;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.delegatedadmin.application.error.IdentityProviderException;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** Statuses that are not about a use case: malformed input, HTTP-level mistakes, limits, failures. */
class ErrorMappingApiTest extends ApiTest {

    @Test
    void malformedJsonIs400WithoutEchoingTheBody() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .json("{\"email\":\"a@example.com\",\"password\": hunter2}").send();

        JsonNode problem = assertProblem(response, 400, "malformed-request");
        assertThat(problem.get("detail").stringValue()).startsWith("The request body is not valid JSON");
        assertThat(response.body()).doesNotContain("hunter2");
    }

    @Test
    void trailingGarbageAndEmptyBodiesAre400() {
        Person admin = person("Finance", "user-admin");

        assertProblem(api.post("/api/v1/users").token(admin.token()).json("{} {}").send(), 400, "malformed-request");
        assertProblem(api.post("/api/v1/users").token(admin.token()).json("").send(), 400, "malformed-request");
    }

    @Test
    void duplicateKeysAreRefused() {
        Person admin = person("Finance", "user-admin");
        Person target = person("Finance");

        Api.Response response = api.patch(path(target)).token(admin.token())
                .body("application/merge-patch+json", "{\"blocked\":false,\"blocked\":true}").send();

        assertThat(assertProblem(response, 400, "malformed-request").get("detail").stringValue())
                .startsWith("The request body repeats a field");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.put("/api/v1/users").token(admin.token()).json("{}").send();

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).contains("GET").contains("POST");
    }

    @Test
    void unacceptableRepresentationIs406AndStillAProblem() {
        Person admin = person("Finance", "user-admin");

        assertProblem(api.get("/api/v1/me").token(admin.token()).header("Accept", "application/xml").send(),
                406, "not-acceptable");
    }

    @Test
    void problemsAreJsonWhateverTheClientAccepts() {
        Api.Response response = api.get("/api/v1/me").header("Accept", "text/html").send();

        assertProblem(response, 401, "unauthorized");
    }

    @Test
    void unsupportedContentTypeIs415() {
        Person admin = person("Finance", "user-admin");

        assertProblem(api.post("/api/v1/users").token(admin.token()).body("text/plain", "email=a@example.com").send(),
                415, "unsupported-media-type");
    }

    @Test
    void unknownApiPathIs404() {
        Person admin = person("Finance", "user-admin");

        assertProblem(api.get("/api/v1/no-such-thing").token(admin.token()).send(), 404, "not-found");
    }

    @Test
    void declaredBodyOverTheLimitIs413() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/users").token(admin.token()).json(hugeJson()).send();

        JsonNode problem = assertProblem(response, 413, "payload-too-large");
        assertThat(problem.get("detail").stringValue()).contains("65536");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        Person admin = person("Finance", "user-admin");
        byte[] body = hugeJson().getBytes(StandardCharsets.UTF_8);

        // No length known up front: the client sends it chunked, so only counting while reading catches it.
        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .body("application/json", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .send();

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void chunkedBodyUnderTheLimitIsFine() {
        Person admin = person("Finance", "user-admin");
        byte[] body = createBody(unique("chunked") + "@example.com", "Finance").getBytes(StandardCharsets.UTF_8);

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .body("application/json", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .send();

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void hugeBodyOnAPublicEndpointIs413Too() {
        assertProblem(api.post("/api/v1/session").json(hugeJson()).send(), 413, "payload-too-large");
    }

    @Test
    void unexpectedFailureIs500WithoutInternalsAndIsLoggedWithTheRequestId() {
        Person admin = person("Finance", "user-admin");
        identityProvider.failNextWrite(new IllegalStateException("connection pool exhausted at db-7.internal"));
        Logger logger = (Logger) LoggerFactory.getLogger(ProblemDetailsAdvice.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        Api.Response response;
        try {
            response = api.post("/api/v1/users").token(admin.token()).header("X-Request-Id", "boom-1")
                    .json(createBody(unique("boom") + "@example.com", "Finance")).send();
        } finally {
            logger.detachAppender(logged);
        }

        assertProblem(response, 500, "internal-error");
        assertThat(response.body()).doesNotContain("db-7").doesNotContain("IllegalStateException").doesNotContain("at dev.");
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getMDCPropertyMap()).containsEntry("client_request_id", "boom-1")
                    .containsEntry("request_id", response.header("X-Request-Id"));
        });
    }

    @Test
    void errorsTheContainerForwardsAreProblemsToo() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.get("/api/v1/test/send-error/409").token(admin.token()).header("X-Request-Id", "fwd-1")
                .send();

        JsonNode problem = assertProblem(response, 409, "conflict");
        assertThat(problem.get("request_id").stringValue()).isEqualTo(response.header("X-Request-Id")).isNotEqualTo("fwd-1");
    }

    @Test
    void identityProviderFailureIs502() {
        Person admin = person("Finance", "user-admin");
        identityProvider.failNextWrite(new IdentityProviderException("The identity provider refused the request.", false,
                Optional.empty(), null));

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .json(createBody(unique("idp") + "@example.com", "Finance")).send();

        JsonNode problem = assertProblem(response, 502, "identity-provider-error");
        assertThat(problem.get("detail").stringValue()).isEqualTo("The identity provider refused the request.");
        assertThat(response.header("Retry-After")).isNull();
    }

    @Test
    void identityProviderUnavailableIs503WithRetryAfterInWholeSeconds() {
        Person admin = person("Finance", "user-admin");
        Person target = person("Finance");
        identityProvider.failNextWrite(new IdentityProviderException("Rate limited by the identity provider.", true,
                Optional.of(Duration.ofMillis(1500)), null));

        Api.Response response = api.delete(path(target)).token(admin.token()).send();

        assertProblem(response, 503, "service-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("2");
    }

    @Test
    void urlRejectedByTheFirewallIs400Problem() {
        Person admin = person("Finance", "user-admin");

        // An encoded percent sign: Tomcat passes it, Spring Security's StrictHttpFirewall rejects it.
        assertProblem(api.get("/api/v1/users/test%257C1").token(admin.token()).send(), 400, "malformed-request");
    }

    @Test
    void incomingRequestIdIsEchoedApartFromTheServersOwn() {
        Api.Response response = api.get("/.well-known/jwks.json").header("X-Request-Id", "abc-123_x.y:z").send();

        assertThat(response.header("X-Client-Request-Id")).isEqualTo("abc-123_x.y:z");
        assertThat(response.header("X-Request-Id")).isNotEqualTo("abc-123_x.y:z").hasSize(36);
    }

    @Test
    void missingOrUnsafeRequestIdIsReplacedWithAUuid() {
        String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

        assertThat(api.get("/.well-known/jwks.json").send().header("X-Request-Id")).matches(uuid);
        assertThat(api.get("/.well-known/jwks.json").header("X-Request-Id", "bad id; drop table").send()
                .header("X-Request-Id")).matches(uuid);
        assertThat(api.get("/.well-known/jwks.json").header("X-Request-Id", "x".repeat(129)).send()
                .header("X-Request-Id")).matches(uuid);
    }

    private static String hugeJson() {
        return "{\"email\":\"big@example.com\",\"memberships\":[\"Finance\"],\"user_metadata\":{\"blob\":\""
                + "x".repeat(100 * 1024) + "\"}}";
    }
}
