package dev.delegatedadmin.bootstrap;

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
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 11, items 1 and 5, with IDP=auth0 against the fake tenant; plus changes made in the dashboard. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationHardeningAuth0EndToEndTest extends AuthorizationHardeningScenarios {

    static final String AUDIENCE = "https://delegated-admin.example.com/api";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    static final FakeAuth0 TENANT = new FakeAuth0();
    static final WireMockServer AUTH0 = new WireMockServer(options().dynamicPort().extensions(TENANT));
    static final RSAKey KEY;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("hardening-key").generate();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
        AUTH0.start();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        EndToEndSettings.auth0Tenant(registry, AUTH0::baseUrl, () -> AUTH0.baseUrl() + "/", "hardening-secret", AUDIENCE);
        // The dashboard tests below need the cached actor to be used for writes too.
        registry.add("AUTH0_ACTOR_WRITE_MAX_AGE", () -> "30s");
    }

    private String adminId;

    @BeforeEach
    void tenant() {
        AUTH0.resetAll();
        FakeAuth0.stub(AUTH0);
        AUTH0.stubFor(get(urlPathEqualTo("/.well-known/jwks.json"))
                .willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
        TENANT.reset();
        adminId = TENANT.seed("admin@example.com", Map.of("department", "IT", "roles", List.of("administrator")));
    }

    @Override
    String administrator() {
        return sign(adminId);
    }

    @Override
    String tokenOf(Created user) {
        return sign(user.id());
    }

    static String sign(String subject) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer(AUTH0.baseUrl() + "/")
                    .audience(AUDIENCE).issueTime(Date.from(Instant.now()))
                    .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The review's finding: blocked in the dashboard, Kelly's cached rights let her unblock herself (200). */
    @Test
    void blocked_in_the_dashboard_kelly_cannot_unblock_herself_while_her_rights_are_cached() {
        Created kelly = create(administrator(), "kelly.dash@example.com", "Finance", "user-admin");
        String kellyToken = tokenOf(kelly);
        assertThat(http.get("/api/v1/me", kellyToken).status()).isEqualTo(200);
        TENANT.dashboardEdit(kelly.id(), true, Map.of());

        assertDenied(http.patch(kelly.path(), kellyToken, "application/merge-patch+json", "{\"blocked\":false}"),
                "no-self-change");
        assertThat(http.get(kelly.path(), administrator()).json().get("blocked").asBoolean()).isTrue();
    }

    @Test
    void demoted_in_the_dashboard_an_administrator_cannot_take_the_role_back_while_cached() {
        Created alan = create(administrator(), "alan.dash@example.com", "IT", "administrator");
        String alanToken = tokenOf(alan);
        assertThat(http.get("/api/v1/me", alanToken).status()).isEqualTo(200);
        TENANT.dashboardEdit(alan.id(), null, Map.of("roles", List.of("user-admin")));

        assertDenied(http.patch(alan.path(), alanToken, "application/merge-patch+json",
                "{\"app_metadata\":{\"roles\":[\"administrator\"]}}"), "no-self-change");
    }
}
