package dev.delegatedadmin.adapters.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers which token strings passed the signature check, so that a client sending the same token on every
 * request costs one RSA verification and claim parsing per {@code maxAge}, not one per request (about an eighth
 * of an update's CPU before). A token string is immutable, so its signature stays valid; the claims are checked
 * again on every use by the same validator the verifying decoder uses, so expiry, issuer and audience behave
 * exactly as without the cache. {@code maxAge} bounds how long a token signed by a key withdrawn since stays
 * accepted. Failures are never cached. At most {@link #MAX_ENTRIES} tokens, the least recently used evicted first
 * (Caffeine), so a flood of distinct tokens cannot grow it nor empty it for everyone at once.
 */
public final class VerifiedTokenCache implements JwtDecoder {

    static final Duration MAX_AGE = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 4_096;

    private final JwtDecoder verifying;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifying checks the signature and then {@code claims} (a Nimbus decoder configured with them)
     * @param claims    the claim validator, run again on each cached use
     */
    public VerifiedTokenCache(JwtDecoder verifying, OAuth2TokenValidator<Jwt> claims) {
        this(verifying, claims, Clock.systemUTC(), MAX_AGE);
    }

    VerifiedTokenCache(JwtDecoder verifying, OAuth2TokenValidator<Jwt> claims, Clock clock, Duration maxAge) {
        this.verifying = Objects.requireNonNull(verifying, "verifying");
        this.claims = Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(clock, "clock");
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(Objects.requireNonNull(maxAge, "maxAge"))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = token == null ? null : verified.getIfPresent(token);
        if (cached != null) {
            OAuth2TokenValidatorResult result = claims.validate(cached);
            if (result.hasErrors()) {
                verified.invalidate(token);
                throw new JwtValidationException(message(result), result.getErrors());
            }
            return cached;
        }
        Jwt jwt = verifying.decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    private static String message(OAuth2TokenValidatorResult result) {
        // The wording of Spring's NimbusJwtDecoder, so that callers cannot tell a cached check from a fresh one.
        return result.getErrors().stream().map(OAuth2Error::getDescription).filter(Objects::nonNull).findFirst()
                .map(description -> "An error occurred while attempting to decode the Jwt: " + description)
                .orElse("Unable to validate Jwt");
    }
}
