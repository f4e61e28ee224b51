package dev.delegatedadmin.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.delegatedadmin.application.error.IdentityProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bearer tokens: every way a token can be missing or wrong ends in a 401 problem with a challenge. */
class SecurityApiTest extends ApiTest {

    @Test
    void aValidTokenReachesTheApi() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.get("/api/v1/me").token(admin.token()).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("user_id").stringValue()).isEqualTo(admin.id());
    }

    @Test
    void missingTokenIs401WithBearerChallenge() {
        Api.Response response = api.get("/api/v1/me").send();

        JsonNode problem = assertProblem(response, 401, "unauthorized");
        assertThat(problem.get("detail").stringValue()).isEqualTo("A bearer token is required.");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void malformedTokenIs401() {
        Api.Response response = api.get("/api/v1/me").token("not-a-jwt").send();

        assertProblem(response, 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void forgedSignatureIs401() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.get("/api/v1/me").token(tokens.forge(tokens.claims(admin.id()).build())).send();

        assertProblem(response, 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void unsignedTokenIs401() {
        Person admin = person("Finance", "user-admin");
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = base64Url(tokens.claims(admin.id()).build().toString());

        Api.Response response = api.get("/api/v1/me").token(header + "." + claims + ".").send();

        assertProblem(response, 401, "unauthorized");
    }

    @Test
    void unknownKeyIdIs401() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.get("/api/v1/me")
                .token(tokens.signWithKid(tokens.claims(admin.id()).build(), "no-such-key")).send();

        assertProblem(response, 401, "unauthorized");
    }

    @Test
    void expiredTokenIs401() {
        Person admin = person("Finance", "user-admin");
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        JWTClaimsSet expired = tokens.claims(admin.id())
                .issueTime(Date.from(longAgo))
                .expirationTime(Date.from(longAgo.plus(Duration.ofMinutes(15))))
                .build();

        Api.Response response = api.get("/api/v1/me").token(tokens.sign(expired)).send();

        JsonNode problem = assertProblem(response, 401, "unauthorized");
        assertThat(problem.get("detail").stringValue()).containsIgnoringCase("expired");
    }

    @Test
    void notYetValidTokenIs401() {
        Person admin = person("Finance", "user-admin");
        JWTClaimsSet future = tokens.claims(admin.id()).notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                .build();

        assertProblem(api.get("/api/v1/me").token(tokens.sign(future)).send(), 401, "unauthorized");
    }

    @Test
    void tokenWithoutExpiryIs401() {
        Person admin = person("Finance", "user-admin");
        JWTClaimsSet forever = tokens.claims(admin.id()).expirationTime(null).build();

        assertProblem(api.get("/api/v1/me").token(tokens.sign(forever)).send(), 401, "unauthorized");
    }

    /** Issue 11 item 9: a token signed long ago (with a stolen key, say) but given a late expiry is refused. */
    @Test
    void tokenIssuedLongerAgoThanALifetimeIs401EvenUnexpired() {
        Person admin = person("Finance", "user-admin");
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        JWTClaimsSet old = tokens.claims(admin.id()).issueTime(Date.from(longAgo))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))).build();

        JsonNode problem = assertProblem(api.get("/api/v1/me").token(tokens.sign(old)).send(), 401, "unauthorized");
        assertThat(problem.get("detail").stringValue()).contains("issue time");
    }

    @Test
    void tokenExpiringFarInTheFutureIs401() {
        Person admin = person("Finance", "user-admin");
        JWTClaimsSet forAYear = tokens.claims(admin.id())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofDays(365)))).build();
        JWTClaimsSet lifetimePlusTwoMinutes = tokens.claims(admin.id())
                .expirationTime(Date.from(Instant.now().plus(TestTokens.LIFETIME).plusSeconds(120))).build();

        assertProblem(api.get("/api/v1/me").token(tokens.sign(forAYear)).send(), 401, "unauthorized");
        assertProblem(api.get("/api/v1/me").token(tokens.sign(lifetimePlusTwoMinutes)).send(), 401, "unauthorized");
        JWTClaimsSet lifetimePlusHalfTheSkew = tokens.claims(admin.id())
                .expirationTime(Date.from(Instant.now().plus(TestTokens.LIFETIME).plusSeconds(30))).build();
        assertThat(api.get("/api/v1/me").token(tokens.sign(lifetimePlusHalfTheSkew)).send().status()).isEqualTo(200);
    }

    @Test
    void tokenWithoutIssueTimeOrIssuedInTheFutureIs401() {
        Person admin = person("Finance", "user-admin");
        JWTClaimsSet noIat = tokens.claims(admin.id()).issueTime(null).build();
        JWTClaimsSet future = tokens.claims(admin.id()).issueTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                .build();

        assertProblem(api.get("/api/v1/me").token(tokens.sign(noIat)).send(), 401, "unauthorized");
        assertProblem(api.get("/api/v1/me").token(tokens.sign(future)).send(), 401, "unauthorized");
    }

    /** Issue 11 item 4: no credential version, or one that logout bumped, is a 401. */
    @Test
    void tokenWithoutOrWithAnOldCredentialVersionIs401() {
        Person admin = person("Finance", "user-admin");
        JWTClaimsSet noVersion = tokens.claims(admin.id()).claim("cv", null).build();
        assertProblem(api.get("/api/v1/me").token(tokens.sign(noVersion)).send(), 401, "unauthorized");

        String token = admin.token();
        assertThat(api.delete("/api/v1/session").token(token).send().status()).isEqualTo(204);
        JsonNode problem = assertProblem(api.get("/api/v1/me").token(token).send(), 401, "unauthorized");
        assertThat(problem.get("detail").stringValue()).contains("revoked");
        assertProblem(api.delete("/api/v1/session").token(token).send(), 401, "unauthorized");
    }

    @Test
    void wrongIssuerIs401() {
        Person admin = person("Finance", "user-admin");
        JWTClaimsSet claims = tokens.claims(admin.id()).issuer("https://evil.example/").build();

        JsonNode problem = assertProblem(api.get("/api/v1/me").token(tokens.sign(claims)).send(), 401, "unauthorized");
        assertThat(problem.get("detail").stringValue()).contains("iss");
    }

    @Test
    void wrongAudienceIs401() {
        Person admin = person("Finance", "user-admin");
        JWTClaimsSet claims = tokens.claims(admin.id()).audience("some-other-api").build();

        JsonNode problem = assertProblem(api.get("/api/v1/me").token(tokens.sign(claims)).send(), 401, "unauthorized");
        assertThat(problem.get("detail").stringValue()).contains("aud");
    }

    @Test
    void tokenOfADeletedUserIs401() {
        // An operator: a user-admin may not delete or block another user-admin (issue 11, peer-protected).
        Person admin = person("IT", "operator");
        Person leaver = person("IT", "user-admin");
        assertThat(api.delete(path(leaver)).token(admin.token()).send().status()).isEqualTo(204);

        Api.Response response = api.get("/api/v1/me").token(leaver.token()).send();

        JsonNode problem = assertProblem(response, 401, "unauthorized");
        assertThat(problem.get("detail").stringValue()).isEqualTo("The token's user no longer exists or is blocked.");
    }

    @Test
    void tokenOfABlockedUserIs401() {
        // An operator: a user-admin may not delete or block another user-admin (issue 11, peer-protected).
        Person admin = person("IT", "operator");
        Person blocked = person("IT", "user-admin");
        Api.Response block = api.patch(path(blocked)).token(admin.token())
                .body("application/merge-patch+json", "{\"blocked\":true}").send();
        assertThat(block.status()).as(block.toString()).isEqualTo(200);

        assertProblem(api.get("/api/v1/me").token(blocked.token()).send(), 401, "unauthorized");
    }

    @Test
    void tokenWhoseSubjectIsNoUserIs401() {
        assertProblem(api.get("/api/v1/me").token(tokens.sign(tokens.claims("test|nobody").build())).send(),
                401, "unauthorized");
    }

    @Test
    void identityProviderDownWhileResolvingTheActorIs503() {
        Person admin = person("Finance", "user-admin");
        identityProvider.failNextLookup(new IdentityProviderException("The identity provider is unavailable.", true,
                Optional.of(Duration.ofSeconds(30)), null));

        Api.Response response = api.get("/api/v1/me").token(admin.token()).send();

        assertProblem(response, 503, "service-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("30");
    }

    @Test
    void keysThatCannotBeReadAre503NotA401() throws InterruptedException {
        Person admin = person("Finance", "user-admin");
        Thread.sleep(1100); // past the re-read rate limit of the key cache
        tokens.keysUnavailable(true);
        Api.Response response;
        try {
            // An unknown kid makes the decoder re-read the keys, which fails.
            response = api.get("/api/v1/me").token(tokens.signWithKid(tokens.claims(admin.id()).build(), "rotated-in")).send();
        } finally {
            tokens.keysUnavailable(false);
        }

        assertProblem(response, 503, "service-unavailable");
        assertThat(response.body()).doesNotContain("key store down");
    }

    @Test
    void publicEndpointsNeedNoTokenAndIgnoreAStaleOne() {
        assertThat(api.get("/.well-known/jwks.json").send().status()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs").send().status()).isEqualTo(200);
        assertThat(api.get("/.well-known/jwks.json").token("expired-or-garbage").send().status()).isEqualTo(200);
    }

    @Test
    void pathsOutsideTheApiAreDenied() {
        Person admin = person("IT", "administrator");

        assertProblem(api.get("/somewhere-else").send(), 401, "unauthorized");
        assertProblem(api.get("/somewhere-else").token(admin.token()).send(), 403, "forbidden");
    }

    @Test
    void unauthorizedResponsesCarryTheRequestId() {
        Api.Response response = api.get("/api/v1/users").header("X-Request-Id", "trace-401").send();

        JsonNode problem = assertProblem(response, 401, "unauthorized");
        assertThat(problem.get("request_id").stringValue()).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.header("X-Client-Request-Id")).isEqualTo("trace-401");
    }

    @Test
    void noSessionCookieIsEverSet() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.get("/api/v1/me").token(admin.token()).send();

        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
