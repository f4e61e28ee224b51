package dev.delegatedadmin.adapters.web.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.delegatedadmin.application.port.in.PublishSigningKeysUseCase;
import dev.delegatedadmin.application.port.in.PublishSigningKeysUseCase.SigningKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The verification keys, cached (the local IdP's, or an Auth0 tenant's JWKS through {@link RemoteJwkSource}). An unknown {@code kid} (a key rotated in since the last read) triggers a
 * re-read, at most once per {@code minRefreshInterval} so forged kids cannot turn every request into a key
 * lookup; after {@code maxAge} the keys are re-read anyway, so a withdrawn key stops being trusted.
 */
final class UseCaseJwkSource implements JWKSource<SecurityContext> {

    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** Where the keys are read from: the local IdP's use case, or a tenant's JWKS URL. */
    @FunctionalInterface
    interface KeyLoader {
        JWKSet load() throws Exception;
    }

    private final KeyLoader keys;
    private final long minRefreshNanos;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private volatile Snapshot snapshot;

    private record Snapshot(JWKSet keys, long loadedAt) {
    }

    UseCaseJwkSource(PublishSigningKeysUseCase keys, Duration minRefreshInterval, Duration maxAge) {
        this(keys, minRefreshInterval, maxAge, System::nanoTime);
    }

    UseCaseJwkSource(PublishSigningKeysUseCase keys, Duration minRefreshInterval, Duration maxAge,
                     LongSupplier nanoTime) {
        this(() -> new JWKSet(keys.signingKeys().stream()
                .filter(key -> key.publicKey() instanceof RSAPublicKey)
                .map(UseCaseJwkSource::toJwk)
                .toList()), minRefreshInterval, maxAge, nanoTime);
    }

    UseCaseJwkSource(KeyLoader keys, Duration minRefreshInterval, Duration maxAge, LongSupplier nanoTime) {
        this.keys = keys;
        this.minRefreshNanos = minRefreshInterval.toNanos();
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Snapshot current = snapshot;
        if (current != null && nanoTime.getAsLong() - current.loadedAt() < maxAgeNanos) {
            List<JWK> found = selector.select(current.keys());
            if (!found.isEmpty()) {
                return found;
            }
        }
        return selector.select(refresh(current).keys());
    }

    private synchronized Snapshot refresh(Snapshot seen) throws KeySourceException {
        Snapshot current = snapshot;
        if (current != seen) {
            return current; // another thread has just re-read
        }
        long now = nanoTime.getAsLong();
        if (current != null && now - current.loadedAt() < minRefreshNanos) {
            return current;
        }
        try {
            Snapshot loaded = new Snapshot(keys.load().toPublicJWKSet(), now);
            snapshot = loaded;
            return loaded;
        } catch (Exception e) {
            throw new KeySourceException("Could not read the verification keys", e);
        }
    }

    private static JWK toJwk(SigningKey key) {
        return new RSAKey.Builder((RSAPublicKey) key.publicKey())
                .keyID(key.keyId())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(key.algorithm() == null ? JWSAlgorithm.RS256 : JWSAlgorithm.parse(key.algorithm()))
                .build();
    }
}
