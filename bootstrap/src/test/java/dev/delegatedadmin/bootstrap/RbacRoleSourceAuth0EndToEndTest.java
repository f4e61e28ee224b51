package dev.delegatedadmin.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.delegatedadmin.bootstrap.AuthorizationHardeningAuth0EndToEndTest.AUDIENCE;
import static dev.delegatedadmin.bootstrap.AuthorizationHardeningAuth0EndToEndTest.AUTH0;
import static dev.delegatedadmin.bootstrap.AuthorizationHardeningAuth0EndToEndTest.KEY;
import static dev.delegatedadmin.bootstrap.AuthorizationHardeningAuth0EndToEndTest.TENANT;
import static dev.delegatedadmin.bootstrap.AuthorizationHardeningAuth0EndToEndTest.sign;
import static dev.delegatedadmin.bootstrap.AuthorizationHardeningScenarios.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.delegatedadmin.adapters.auth0.FakeAuth0;
import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 11, item 2: ROLE_SOURCE=auth0_rbac, one role source for actors and targets; unreadable roles deny. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RbacRoleSourceAuth0EndToEndTest {

    private static final DataSource DATABASE = TestDatabase.freshDatabase();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        EndToEndSettings.auth0Tenant(registry, AUTH0::baseUrl, () -> AUTH0.baseUrl() + "/", "rbac-secret", AUDIENCE);
        registry.add("ROLE_SOURCE", () -> "auth0_rbac");
    }

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void tenant() {
        AUTH0.resetAll();
        FakeAuth0.stub(AUTH0);
        AUTH0.stubFor(get(urlPathEqualTo("/.well-known/jwks.json"))
                .willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
        TENANT.reset();
        http = new Http(port);
    }

    private static String path(String id) {
        return "/api/v1/users/" + id.replace("|", "%7C");
    }

    @Test
    void a_user_admin_cannot_take_over_an_rbac_administrator() {
        String kellyId = TENANT.seed("kelly.rbac@example.com", Map.of("department", "IT"));
        TENANT.assignRole(kellyId, "user-admin");
        // An administrator by RBAC only: app_metadata names no role at all.
        String bossId = TENANT.seed("boss.rbac@example.com", Map.of("department", "IT"));
        TENANT.assignRole(bossId, "administrator");
        TENANT.assignRole(bossId, "Some other app's role");
        String kelly = sign(kellyId);

        assertThat(http.get("/api/v1/me", kelly).json().get("roles").toString()).isEqualTo("[\"user-admin\"]");
        assertThat(http.get(path(bossId), kelly).json().get("app_metadata").get("roles").toString())
                .isEqualTo("[\"administrator\"]");
        for (String change : new String[] {"{\"password\":\"Takeover-rbac-9034\"}",
                "{\"email\":\"kelly.owns.boss@example.com\"}", "{\"blocked\":true}"}) {
            assertDenied(http.patch(path(bossId), kelly, "application/json", change), "higher-role-protected");
        }
        assertDenied(http.delete(path(bossId), kelly), "higher-role-protected");
        // The RBAC administrator is one here too.
        assertThat(http.get("/api/v1/policies", sign(bossId)).status()).isEqualTo(200);
    }

    @Test
    void a_target_whose_roles_cannot_be_read_is_not_taken_for_a_plain_user() {
        String kellyId = TENANT.seed("kelly.rbac2@example.com", Map.of("department", "IT"));
        TENANT.assignRole(kellyId, "user-admin");
        String targetId = TENANT.seed("target.rbac@example.com", Map.of("department", "IT"));
        String kelly = sign(kellyId);
        assertThat(http.get("/api/v1/me", kelly).status()).isEqualTo(200);
        AUTH0.stubFor(get(urlPathMatching("/api/v2/users/.*" + targetId.substring("auth0|".length()) + "/roles"))
                .atPriority(1).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));

        Http.Response reset = http.patch(path(targetId), kelly, "application/json", "{\"password\":\"Reset-rbac-1234\"}");

        assertThat(reset.status()).as(reset.body()).isEqualTo(503);
        assertThat(reset.header("Retry-After")).isNotBlank();
    }
}
