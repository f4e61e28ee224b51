package dev.delegatedadmin.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

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
import dev.delegatedadmin.adapters.auth0.RateLimitedTenant;
import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several instances of the whole service (each its own application context and port) on one database, IDP=auth0
 * against one fake tenant on WireMock that allows {@code perSecond} Management API calls (429 beyond).
 */
final class Auth0Instances implements AutoCloseable {

    static final String AUDIENCE = "https://delegated-admin.example.com/api";

    final FakeAuth0 fake = new FakeAuth0();
    final RateLimitedTenant tenant;
    final WireMockServer auth0;
    final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final RSAKey key;

    Auth0Instances(double perSecond, int burst) {
        tenant = new RateLimitedTenant(fake, perSecond, burst);
        auth0 = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(tenant)
                .containerThreads(64).jettyAcceptors(2));
        try {
            key = new RSAKeyGenerator(2048).keyID("budget-key").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        auth0.start();
        FakeAuth0.stub(auth0);
        auth0.stubFor(get(urlPathEqualTo("/.well-known/jwks.json"))
                .willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
    }

    /** Starts {@code count} instances on a fresh database; {@code settings} are added to every one. */
    void start(int count, Map<String, Object> settings) {
        DataSource database = TestDatabase.freshDatabase();
        for (int i = 0; i < count; i++) {
            Map<String, Object> properties = EndToEndSettings.externalDatabase(database);
            properties.put("IDP", "auth0");
            properties.put("AUTH0_DOMAIN", EndToEndSettings.AUTH0_DOMAIN);
            properties.put("AUTH0_CLIENT_ID", EndToEndSettings.AUTH0_CLIENT_ID);
            properties.put("AUTH0_CLIENT_SECRET", "budget-client-secret");
            properties.put("AUTH0_AUDIENCE", AUDIENCE);
            properties.put("AUTH0_ISSUER", issuer());
            properties.put("AUTH0_MANAGEMENT_API_URL", auth0.baseUrl() + "/api/v2");
            properties.putAll(settings);
            contexts.add(new SpringApplicationBuilder(DelegatedAdminApplication.class).properties(properties).run());
        }
    }

    int port(int instance) {
        return ((WebServerApplicationContext) contexts.get(instance)).getWebServer().getPort();
    }

    String issuer() {
        return auth0.baseUrl() + "/";
    }

    String token(String subject) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer(issuer()).audience(AUDIENCE)
                    .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(1))))
                    .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(30)))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
        auth0.stop();
    }
}
