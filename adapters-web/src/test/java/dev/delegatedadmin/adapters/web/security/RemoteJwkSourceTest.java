package dev.delegatedadmin.adapters.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenant's JWKS over HTTP (a JDK server on loopback): cache, rate-limited re-reads, outage tolerance. */
class RemoteJwkSourceTest {

    private final List<RSAKey> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private HttpServer server;
    private URI jwks;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = new JWKSet(List.copyOf(keys)).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(down.get() ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        jwks = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
        keys.add(new RSAKeyGenerator(2048).keyID("k1").generate());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void keys_are_read_once_and_cached() throws Exception {
        JWKSource<SecurityContext> source = RemoteJwkSource.of(jwks);

        assertThat(source.get(byKid("k1"), null)).hasSize(1);
        assertThat(source.get(byKid("k1"), null)).hasSize(1);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void an_unknown_kid_rereads_and_finds_a_rotated_key() throws Exception {
        JWKSource<SecurityContext> source = RemoteJwkSource.of(jwks);
        source.get(byKid("k1"), null);
        keys.add(new RSAKeyGenerator(2048).keyID("k2").generate());

        assertThat(source.get(byKid("k2"), null)).singleElement()
                .satisfies(key -> assertThat(key.getKeyID()).isEqualTo("k2"));
        assertThat(fetches).hasValue(2);
    }

    @Test
    void forged_kids_find_no_key_and_cannot_make_every_request_a_fetch() throws Exception {
        JWKSource<SecurityContext> source = RemoteJwkSource.of(jwks);
        source.get(byKid("k1"), null);

        for (int i = 0; i < 20; i++) {
            assertThat(source.get(byKid("forged-" + i), null)).isEmpty();
        }

        assertThat(fetches.get()).isLessThanOrEqualTo(2);
        assertThat(source.get(byKid("k1"), null)).hasSize(1);
    }

    @Test
    void while_the_jwks_cannot_be_read_the_last_keys_stay_in_use() throws Exception {
        JWKSource<SecurityContext> source = RemoteJwkSource.of(jwks, Duration.ofMillis(10), Duration.ofMillis(100));
        source.get(byKid("k1"), null);
        down.set(true);
        Thread.sleep(200); // past the cache's maximum age

        assertThat(source.get(byKid("k1"), null)).hasSize(1);
        assertThat(fetches.get()).isGreaterThan(1);
    }

    private static JWKSelector byKid(String kid) {
        return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
    }
}
