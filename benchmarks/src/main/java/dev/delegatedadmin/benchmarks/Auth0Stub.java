package dev.delegatedadmin.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.delegatedadmin.adapters.auth0.FakeAuth0;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local Auth0 tenant: the end-to-end tests' FakeAuth0 behind WireMock, answering every Management API call after a
 * fixed delay (scheduled, not holding a thread), counting calls, and optionally allowing only N calls per second
 * (429 with x-ratelimit-reset beyond, as Auth0 does). Also the token endpoint and the JWKS of the callers' tokens.
 */
final class Auth0Stub implements AutoCloseable {

    static final String AUDIENCE = "https://delegated-admin.bench/api";

    final FakeAuth0 tenant = new FakeAuth0();
    final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    final AtomicLong throttled = new AtomicLong();
    volatile int delayMillis;
    volatile int perSecond; // 0: unlimited
    private final RSAKey key;
    private final WireMockServer server;
    private long window;
    private int usedInWindow;

    Auth0Stub(int delayMillis) throws Exception {
        this.delayMillis = delayMillis;
        key = new RSAKeyGenerator(2048).keyID("bench").generate();
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").disableRequestJournal()
                .containerThreads(64).asynchronousResponseEnabled(true).asynchronousResponseThreads(8)
                .extensions(new Slow()));
        server.start();
        FakeAuth0.stub(server);
        server.stubFor(get(urlPathEqualTo("/.well-known/jwks.json"))
                .willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** The stub has no rate limit: the service's shared budget is set far above what the suite sends. */
    Map<String, String> serviceEnvironment() {
        return Map.of("IDP", "auth0", "AUTH0_DOMAIN", "tenant.bench.auth0.com", "AUTH0_CLIENT_ID", "bench",
                "AUTH0_CLIENT_SECRET", "bench-secret", "AUTH0_AUDIENCE", AUDIENCE, "AUTH0_ISSUER", baseUrl() + "/",
                "AUTH0_MANAGEMENT_API_URL", baseUrl() + "/api/v2", "AUTH0_RATE_LIMIT", "100000",
                "AUTH0_RATE_BURST", "100000");
    }

    String token(String subject) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer(baseUrl() + "/").audience(AUDIENCE)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    long totalCalls() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    Map<String, Long> callCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        calls.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    void resetCounts() {
        calls.clear();
        throttled.set(0);
    }

    private synchronized boolean admit() {
        long second = System.currentTimeMillis() / 1000;
        if (second != window) {
            window = second;
            usedInWindow = 0;
        }
        return ++usedInWindow <= perSecond;
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Slow implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return FakeAuth0.NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String path = event.getRequest().getUrl().split("\\?", 2)[0].replaceAll("/users/[^/]+$", "/users/{id}");
            if (perSecond > 0 && !admit()) {
                throttled.incrementAndGet();
                return ResponseDefinitionBuilder.responseDefinition().withStatus(429)
                        .withHeader("x-ratelimit-limit", String.valueOf(perSecond))
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", String.valueOf(System.currentTimeMillis() / 1000 + 1))
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"statusCode\":429,\"error\":\"Too Many Requests\",\"message\":\"Global limit\"}")
                        .withFixedDelay(delayMillis).build();
            }
            calls.computeIfAbsent(event.getRequest().getMethod().getName() + " " + path, k -> new AtomicLong())
                    .incrementAndGet();
            return ResponseDefinitionBuilder.like(tenant.transform(event)).withFixedDelay(delayMillis).build();
        }
    }
}
