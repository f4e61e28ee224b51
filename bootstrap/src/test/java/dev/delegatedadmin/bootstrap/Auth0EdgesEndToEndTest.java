package dev.delegatedadmin.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * IDP=auth0 at its edges: tokens naming a key the tenant does not have cannot make every request a JWKS fetch,
 * and a tenant user the product cannot represent does not fail the list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Auth0EdgesEndToEndTest {

    private static final String AUDIENCE = "https://delegated-admin.example.com/api";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    private static final FakeAuth0 TENANT = new FakeAuth0();
    private static final WireMockServer AUTH0 = new WireMockServer(options().dynamicPort().extensions(TENANT));
    private static final String JWKS = "/.well-known/jwks.json";
    private static final RSAKey KEY;
    private static final RSAKey FORGER;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("tenant-key").generate();
            FORGER = new RSAKeyGenerator(2048).keyID("forged-kid").generate();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
        AUTH0.start();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        EndToEndSettings.auth0Tenant(registry, AUTH0::baseUrl, () -> AUTH0.baseUrl() + "/", "jwks-client-secret", AUDIENCE);
    }

    @LocalServerPort
    int port;

    @Test
    void unknown_kids_do_not_refetch_the_jwks_on_every_request() {
        FakeAuth0.stub(AUTH0);
        AUTH0.stubFor(get(urlPathEqualTo(JWKS)).willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
        String adminId = TENANT.seed("admin@example.com", Map.of("department", "IT", "roles", List.of("administrator")));
        Http http = new Http(port);
        assertThat(http.get("/api/v1/me", token(adminId, KEY)).status()).isEqualTo(200);
        int fetchesBefore = AUTH0.findAll(getRequestedFor(urlPathEqualTo(JWKS))).size();

        for (int i = 0; i < 20; i++) {
            Http.Response forged = http.get("/api/v1/me", token(adminId + i, FORGER));
            assertThat(forged.status()).as(forged.body()).isEqualTo(401);
            assertThat(forged.header("WWW-Authenticate")).startsWith("Bearer");
        }

        int fetches = AUTH0.findAll(getRequestedFor(urlPathEqualTo(JWKS))).size() - fetchesBefore;
        System.out.println("JWKS fetches for 20 tokens with an unknown kid: " + fetches);
        assertThat(fetches).isLessThanOrEqualTo(1);
        assertThat(http.get("/api/v1/me", token(adminId, KEY)).status()).isEqualTo(200);
    }

    @Test
    void a_tenant_user_the_product_cannot_map_is_listed_as_unreadable_not_a_502() {
        FakeAuth0.stub(AUTH0);
        AUTH0.stubFor(get(urlPathEqualTo(JWKS)).willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
        String adminId = TENANT.seed("lister@example.com", Map.of("department", "IT", "roles", List.of("administrator")));
        StringBuilder manyKeys = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            manyKeys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        String identities = "\"identities\":[{\"connection\":\"Username-Password-Authentication\",\"user_id\":\"x\","
                + "\"provider\":\"auth0\",\"isSocial\":false}]";
        AUTH0.stubFor(get(urlPathEqualTo("/api/v2/users")).atPriority(1).willReturn(okJson("""
                {"start":0,"limit":50,"length":2,"total":2,"users":[
                 {"user_id":"auth0|fine","email":"fine@example.com","email_verified":true,%s,
                  "app_metadata":{"department":"IT"},"user_metadata":{},"created_at":"2025-01-01T00:00:00.000Z"},
                 {"user_id":"auth0|odd",%s,"app_metadata":{"department":"IT"},"user_metadata":{%s},
                  "created_at":"2025-01-01T00:00:00.000Z"}]}""".formatted(identities, identities, manyKeys))));

        Http.Response list = new Http(port).get("/api/v1/users", token(adminId, KEY));

        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("users")).hasSize(1);
        assertThat(list.json().get("users").get(0).get("user_id").asString()).isEqualTo("auth0|fine");
        assertThat(list.json().get("unreadable_users")).hasSize(1);
        assertThat(list.json().get("unreadable_users").get(0).get("user_id").asString()).isEqualTo("auth0|odd");
        assertThat(list.json().get("unreadable_users").get(0).get("unreadable").asBoolean()).isTrue();
    }

    private static String token(String subject, RSAKey key) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer(AUTH0.baseUrl() + "/")
                    .audience(AUDIENCE).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
