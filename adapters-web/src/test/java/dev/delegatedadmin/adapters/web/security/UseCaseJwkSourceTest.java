package dev.delegatedadmin.adapters.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.delegatedadmin.application.port.in.PublishSigningKeysUseCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UseCaseJwkSourceTest {

    private final Keys keys = new Keys();
    private final AtomicLong clock = new AtomicLong();

    @Test
    void keysAreReadOnceAndCached() throws Exception {
        keys.add("k1");
        UseCaseJwkSource source = source(Duration.ZERO, Duration.ofMinutes(5));

        assertThat(source.get(byKid("k1"), null)).hasSize(1);
        assertThat(source.get(byKid("k1"), null)).hasSize(1);

        assertThat(keys.reads.get()).isEqualTo(1);
    }

    @Test
    void anUnknownKidTriggersARereadThatFindsARotatedKey() throws Exception {
        keys.add("k1");
        UseCaseJwkSource source = source(Duration.ZERO, Duration.ofMinutes(5));
        source.get(byKid("k1"), null);
        keys.add("k2");

        assertThat(source.get(byKid("k2"), null)).singleElement().satisfies(key -> assertThat(key.getKeyID()).isEqualTo("k2"));
        assertThat(keys.reads.get()).isEqualTo(2);
    }

    @Test
    void rereadsForUnknownKidsAreRateLimited() throws Exception {
        keys.add("k1");
        UseCaseJwkSource source = source(Duration.ofSeconds(1), Duration.ofMinutes(5));
        source.get(byKid("k1"), null);

        assertThat(source.get(byKid("forged-1"), null)).isEmpty();
        assertThat(source.get(byKid("forged-2"), null)).isEmpty();
        assertThat(keys.reads.get()).isEqualTo(1);

        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(source.get(byKid("forged-3"), null)).isEmpty();
        assertThat(keys.reads.get()).isEqualTo(2);
    }

    @Test
    void keysAreRereadAfterTheMaximumAgeSoAWithdrawnKeyStopsWorking() throws Exception {
        keys.add("k1");
        UseCaseJwkSource source = source(Duration.ofSeconds(1), Duration.ofMinutes(5));
        source.get(byKid("k1"), null);
        keys.list.clear();

        clock.addAndGet(Duration.ofMinutes(6).toNanos());

        assertThat(source.get(byKid("k1"), null)).isEmpty();
    }

    @Test
    void aFailingKeySourceIsAKeySourceException() {
        UseCaseJwkSource source = new UseCaseJwkSource(new Keys() {
            @Override
            public List<SigningKey> signingKeys() {
                throw new IllegalStateException("database down");
            }
        }, Duration.ZERO, Duration.ofMinutes(5), clock::get);

        assertThatThrownBy(() -> source.get(byKid("k1"), null)).isInstanceOf(KeySourceException.class);
    }

    private UseCaseJwkSource source(Duration minRefresh, Duration maxAge) {
        return new UseCaseJwkSource(keys, minRefresh, maxAge, clock::get);
    }

    private static JWKSelector byKid(String kid) {
        return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
    }

    private static class Keys implements PublishSigningKeysUseCase {
        final List<SigningKey> list = new ArrayList<>();
        final AtomicInteger reads = new AtomicInteger();

        void add(String kid) throws Exception {
            list.add(new SigningKey(kid, "RS256", new RSAKeyGenerator(2048).keyID(kid).generate().toRSAPublicKey()));
        }

        @Override
        public List<SigningKey> signingKeys() {
            reads.incrementAndGet();
            return List.copyOf(list);
        }
    }
}
