package dev.delegatedadmin.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.domain.audit.AuditAction;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Logging in with the local IdP, and the keys that verify its tokens. */
class LocalIdentityApiTest extends ApiTest {

    @Test
    void logInGivesABearerTokenThatWorks() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/session").header("X-Request-Id", "login-1")
                .json(credentials(admin.email(), admin.password())).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode session = response.json();
        assertThat(session.get("token_type").stringValue()).isEqualTo("Bearer");
        assertThat(session.get("expires_in").longValue()).isEqualTo(TestTokens.LIFETIME.toSeconds());
        String token = session.get("access_token").stringValue();
        assertThat(response.header("Cache-Control")).contains("no-store");

        Api.Response me = api.get("/api/v1/me").token(token).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("user_id").stringValue()).isEqualTo(admin.id());
        assertThat(auditTrail.all()).anySatisfy(event -> {
            assertThat(event.record().action()).isEqualTo(AuditAction.SESSION_CREATE);
            assertThat(event.record().requestId()).contains(response.header("X-Request-Id"));
        });
    }

    @Test
    void wrongPasswordIs401() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/session").json(credentials(admin.email(), "wrong-password")).send();

        JsonNode problem = assertProblem(response, 401, "unauthorized");
        assertThat(problem.get("detail").stringValue()).isEqualTo("Wrong email or password.");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.body()).doesNotContain("wrong-password");
    }

    @Test
    void unknownEmailIsTheSame401() {
        Api.Response response = api.post("/api/v1/session").json(credentials(unique("ghost") + "@example.com", "x")).send();

        assertThat(assertProblem(response, 401, "unauthorized").get("detail").stringValue())
                .isEqualTo("Wrong email or password.");
    }

    @Test
    void blockedUserCannotLogIn() {
        Person admin = person("IT", "user-admin");
        Person blocked = person("IT");
        api.patch(path(blocked)).token(admin.token()).body("application/merge-patch+json", "{\"blocked\":true}").send();

        assertProblem(api.post("/api/v1/session").json(credentials(blocked.email(), blocked.password())).send(),
                401, "unauthorized");
    }

    @Test
    void missingOrInvalidFieldsAre400() {
        assertThat(errorFields(assertProblem(api.post("/api/v1/session").json("{\"email\":\"a@example.com\"}").send(),
                400, "invalid-input"))).containsExactly("password");
        assertThat(errorFields(assertProblem(api.post("/api/v1/session").json("{\"email\":\"nope\",\"password\":\"x\"}").send(),
                400, "invalid-input"))).containsExactly("email");
        assertThat(errorFields(assertProblem(api.post("/api/v1/session")
                .json("{\"email\":\"a@example.com\",\"password\":\"x\",\"remember\":true}").send(),
                400, "invalid-input"))).containsExactly("remember");
    }

    @Test
    void jwksPublishesThePublicKeyOnly() {
        Api.Response response = api.get("/.well-known/jwks.json").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode keys = response.json().get("keys");
        assertThat(keys.size()).isEqualTo(1);
        JsonNode key = keys.get(0);
        assertThat(key.get("kty").stringValue()).isEqualTo("RSA");
        assertThat(key.get("kid").stringValue()).isEqualTo(TestTokens.KID);
        assertThat(key.get("use").stringValue()).isEqualTo("sig");
        assertThat(key.get("alg").stringValue()).isEqualTo("RS256");
        assertThat(key.get("e").stringValue()).isEqualTo("AQAB");
        assertThat(key.get("n").stringValue()).matches("[A-Za-z0-9_-]{300,}");
        assertThat(key.propertyNames()).containsExactlyInAnyOrder("kty", "kid", "use", "alg", "n", "e");
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }
}
