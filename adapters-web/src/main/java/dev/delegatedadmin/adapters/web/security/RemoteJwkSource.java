package dev.delegatedadmin.adapters.web.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A tenant's JWKS through Nimbus' {@link JWKSourceBuilder}: cached for {@link #MAX_AGE}; a token with an unknown
 * {@code kid} re-reads the set, at most twice per {@link #MIN_REFRESH_INTERVAL} (Nimbus' rate limit), so forged
 * kids cannot make every request a JWKS fetch and a key rotated in is picked up within that time; while the
 * tenant's JWKS cannot be read, the last set read stays in use for {@link #OUTAGE_TOLERANCE}.
 */
public final class RemoteJwkSource {

    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration OUTAGE_TOLERANCE = Duration.ofMinutes(30);
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(15);
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int SIZE_LIMIT = 256 * 1024;

    private RemoteJwkSource() {
    }

    public static JWKSource<SecurityContext> of(URI jwksUri) {
        return of(jwksUri, MIN_REFRESH_INTERVAL, MAX_AGE);
    }

    static JWKSource<SecurityContext> of(URI jwksUri, Duration minRefreshInterval, Duration maxAge) {
        JWKSource<SecurityContext> nimbus;
        try {
            nimbus = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL(),
                            new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT))
                    .cache(maxAge.toMillis(), Math.min(REFRESH_TIMEOUT.toMillis(), maxAge.toMillis() / 2))
                    // Re-read when the set is too old, as before; not ahead of time in the background.
                    .refreshAheadCache(false)
                    .rateLimited(minRefreshInterval.toMillis())
                    .outageTolerant(OUTAGE_TOLERANCE.toMillis())
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a JWKS URL: " + jwksUri, e);
        }
        return new NoKeyWhenRateLimited(nimbus);
    }

    /**
     * A re-read refused by the rate limit means "no such key" (the token is rejected, 401), as before: Nimbus
     * throws instead, which Spring would treat as the key service failing rather than a bad token.
     */
    private record NoKeyWhenRateLimited(JWKSource<SecurityContext> delegate) implements JWKSource<SecurityContext> {
        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            try {
                return delegate.get(selector, context);
            } catch (RateLimitReachedException e) {
                return List.of();
            }
        }
    }
}
