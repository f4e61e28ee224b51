package dev.delegatedadmin.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.testsupport.InMemoryAuditTrail;
import dev.delegatedadmin.domain.user.User;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Base of the API tests: one running server shared by all of them (Spring caches the context). Every test
 * seeds its own users with unique emails, so tests do not see each other's data.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiTest {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_BASE = "https://delegatedadmin.dev/problems/";

    @LocalServerPort
    int port;

    @Autowired
    FlakyIdentityProvider identityProvider;

    @Autowired
    InMemoryAuditTrail auditTrail;

    @Autowired
    TestTokens tokens;

    Api api;

    /** A seeded user with a valid token for them. */
    record Person(User user, String token, String password) {
        String id() {
            return user.id().value();
        }

        String email() {
            return user.email().value();
        }
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    Person person(String department, String... roles) {
        String email = unique(roles.length == 0 ? "user" : roles[roles.length - 1]) + "@example.com";
        String password = "pw-" + UUID.randomUUID();
        User user = identityProvider.seed(email, department, List.of(roles), password);
        return new Person(user, tokens.tokenFor(user), password);
    }

    static String unique(String prefix) {
        return prefix.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Encodes an id for a path the way clients should: {@code |} as %7C. */
    static String path(Person person) {
        return "/api/v1/users/" + person.id().replace("|", "%7C");
    }

    static String path(String userId) {
        return "/api/v1/users/" + userId.replace("|", "%7C");
    }

    /** Asserts the RFC 9457 shape every error shares, and returns the body for further checks. */
    static JsonNode assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        JsonNode problem = response.json();
        assertThat(problem.get("type").stringValue()).isEqualTo(PROBLEM_BASE + type);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("detail").stringValue()).isNotBlank();
        assertThat(problem.get("request_id").stringValue()).isEqualTo(response.header("X-Request-Id"));
        return problem;
    }

    /** The field names in a problem's {@code errors[]}. */
    static List<String> errorFields(JsonNode problem) {
        return problem.get("errors").valueStream().map(error -> error.get("field").stringValue()).toList();
    }

    static String createBody(String email, String... memberships) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < memberships.length; i++) {
            array.append(i == 0 ? "" : ",").append('"').append(memberships[i]).append('"');
        }
        array.append(']');
        return "{\"email\":\"" + email + "\",\"password\":\"S3cret-pass!\",\"memberships\":" + array + "}";
    }
}
