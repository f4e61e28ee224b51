package dev.delegatedadmin.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.delegatedadmin.bootstrap.AuthorizationHardeningAuth0EndToEndTest.AUDIENCE;
import static dev.delegatedadmin.bootstrap.AuthorizationHardeningAuth0EndToEndTest.AUTH0;
import static dev.delegatedadmin.bootstrap.AuthorizationHardeningAuth0EndToEndTest.KEY;
import static dev.delegatedadmin.bootstrap.AuthorizationHardeningAuth0EndToEndTest.TENANT;
import static dev.delegatedadmin.bootstrap.AuthorizationHardeningAuth0EndToEndTest.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.delegatedadmin.adapters.auth0.FakeAuth0;
import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 11, item 1: two instances (two Spring contexts) on one PostgreSQL and one fake Auth0 tenant, with the 30 s
 * actor cache. A block through instance A refuses the actor at once on A and within one second on B; a block made in
 * the dashboard is seen by a write request once the cached copy is older than the write bound.
 */
class ActorCacheTwoInstancesEndToEndTest {

    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    private static final List<ConfigurableApplicationContext> INSTANCES = new ArrayList<>();
    private static Http a;
    private static Http b;
    private static String admin;

    @BeforeAll
    static void start() {
        AUTH0.resetAll();
        FakeAuth0.stub(AUTH0);
        AUTH0.stubFor(get(urlPathEqualTo("/.well-known/jwks.json"))
                .willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
        TENANT.reset();
        admin = sign(TENANT.seed("admin@example.com", Map.of("department", "IT", "roles", List.of("administrator"))));
        a = new Http(port(instance()));
        b = new Http(port(instance()));
    }

    @AfterAll
    static void stop() {
        INSTANCES.forEach(ConfigurableApplicationContext::close);
    }

    private static ConfigurableApplicationContext instance() {
        TestDatabase.ConnectionInfo db = TestDatabase.connectionInfo(DATABASE);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DelegatedAdminApplication.class).properties(
                "SERVER_PORT=0", "DATABASE_URL=" + db.url(), "DATABASE_USER=" + db.user(),
                "DATABASE_PASSWORD=" + db.password(), "IDP=auth0", "AUTH0_DOMAIN=" + EndToEndSettings.AUTH0_DOMAIN,
                "AUTH0_CLIENT_ID=" + EndToEndSettings.AUTH0_CLIENT_ID, "AUTH0_CLIENT_SECRET=two-instances-secret",
                "AUTH0_AUDIENCE=" + AUDIENCE, "AUTH0_ISSUER=" + AUTH0.baseUrl() + "/",
                "AUTH0_MANAGEMENT_API_URL=" + AUTH0.baseUrl() + "/api/v2", "AUTH0_ACTOR_CACHE_TTL=30s",
                "AUTH0_ACTOR_WRITE_MAX_AGE=2s").run();
        INSTANCES.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String createUserAdmin(String email) {
        Http.Response created = a.post("/api/v1/users", admin, """
                {"email":"%s","password":"Two-instances-pass-1","memberships":["Finance"],
                 "app_metadata":{"roles":["user-admin"]}}""".formatted(email));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("user_id").asString();
    }

    @Test
    void a_block_through_one_instance_refuses_the_actor_everywhere_within_a_second() throws Exception {
        String kellyId = createUserAdmin("kelly.two@example.com");
        String kelly = sign(kellyId);
        assertThat(a.get("/api/v1/me", kelly).status()).isEqualTo(200);
        assertThat(b.get("/api/v1/me", kelly).status()).isEqualTo(200);

        assertThat(a.patch("/api/v1/users/" + kellyId.replace("|", "%7C"), admin, "application/json",
                "{\"blocked\":true}").status()).isEqualTo(200);
        long blockedAt = System.nanoTime();

        assertThat(a.get("/api/v1/me", kelly).status()).as("at once on the instance that blocked her").isEqualTo(401);
        long elapsedMillis;
        while (true) {
            int status = b.get("/api/v1/me", kelly).status();
            elapsedMillis = (System.nanoTime() - blockedAt) / 1_000_000;
            if (status == 401 || elapsedMillis > 5_000) {
                break;
            }
            Thread.sleep(20);
        }
        System.out.println("Blocked actor refused by the other instance after " + elapsedMillis + " ms");
        assertThat(elapsedMillis).as("refused by the other instance within a second").isLessThan(1_000);
    }

    @Test
    void a_write_request_rereads_an_actor_cached_longer_than_the_write_bound() throws Exception {
        String kellyId = createUserAdmin("kelly.dashboard@example.com");
        String kelly = sign(kellyId);
        String self = "/api/v1/users/" + kellyId.replace("|", "%7C");
        assertThat(b.get("/api/v1/me", kelly).status()).isEqualTo(200);
        TENANT.dashboardEdit(kellyId, true, Map.of());

        // Reads keep the cached copy for the TTL; a write older than the bound (2 s here) reads Kelly again.
        assertThat(b.get("/api/v1/me", kelly).status()).isEqualTo(200);
        Thread.sleep(2_100);
        assertThat(b.patch(self, kelly, "application/json", "{\"user_metadata\":{\"desk\":\"9\"}}").status())
                .isEqualTo(401);
    }
}
