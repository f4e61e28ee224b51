package dev.delegatedadmin.adapters.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
 * accepted. Failures are never cached.
 */
public final class VerifiedTokenCache implements JwtDecoder {

    static final Duration MAX_AGE = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 4_096;

    private record Entry(Jwt jwt, Instant verifyAgainAfter) {
    }

    private final JwtDecoder verifying;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Entry> verified = new ConcurrentHashMap<>();

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
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Entry entry = token == null ? null : verified.get(token);
        if (entry != null && now.isBefore(entry.verifyAgainAfter())) {
            OAuth2TokenValidatorResult result = claims.validate(entry.jwt());
            if (result.hasErrors()) {
                verified.remove(token);
                throw new JwtValidationException(message(result), result.getErrors());
            }
            return entry.jwt();
        }
        Jwt jwt = verifying.decode(token);
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(e -> !now.isBefore(e.verifyAgainAfter()));
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(token, new Entry(jwt, now.plus(maxAge)));
        return jwt;
    }

    private static String message(OAuth2TokenValidatorResult result) {
        // The wording of Spring's NimbusJwtDecoder, so that callers cannot tell a cached check from a fresh one.
        return result.getErrors().stream().map(OAuth2Error::getDescription).filter(Objects::nonNull).findFirst()
                .map(description -> "An error occurred while attempting to decode the Jwt: " + description)
                .orElse("Unable to validate Jwt");
    }
}
