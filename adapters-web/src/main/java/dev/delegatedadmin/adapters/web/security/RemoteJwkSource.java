package dev.delegatedadmin.adapters.web.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import java.time.Duration;

/**
 * A tenant's JWKS, cached. A token with an unknown {@code kid} re-reads the set at most once per
 * {@link #MIN_REFRESH_INTERVAL} (30 s, as Nimbus' rate-limited source): forged kids cannot make every request a
 * JWKS fetch, and a key rotated in is picked up within that time. The set is re-read anyway after 5 minutes.
 */
public final class RemoteJwkSource {

    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int SIZE_LIMIT = 256 * 1024;

    private RemoteJwkSource() {
    }

    public static JWKSource<SecurityContext> of(URI jwksUri) {
        return of(jwksUri, MIN_REFRESH_INTERVAL);
    }

    public static JWKSource<SecurityContext> of(URI jwksUri, Duration minRefreshInterval) {
        return new UseCaseJwkSource(() -> JWKSet.load(jwksUri.toURL(), TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT),
                minRefreshInterval, MAX_AGE, System::nanoTime);
    }
}
