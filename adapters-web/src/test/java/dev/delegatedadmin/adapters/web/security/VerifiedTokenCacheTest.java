package dev.delegatedadmin.adapters.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokenCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final OAuth2TokenValidator<Jwt> claims = claims(clock);
    /** Stands in for the signature check: counts its calls, accepts tokens starting with "good". */
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifying = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("Signed JWT rejected: Invalid signature");
        }
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("auth0|kelly").issuer("urn:test")
                .issuedAt(T0).expiresAt(T0.plus(Duration.ofMinutes(15))).build();
        var result = claims.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("invalid", result.getErrors());
        }
        return jwt;
    };
    private final VerifiedTokenCache cache = new VerifiedTokenCache(verifying, claims, clock, Duration.ofSeconds(60));

    @Test
    void theSameTokenIsVerifiedOnceWithinTheMaximumAge() {
        Jwt first = cache.decode("good-1");
        clock.advance(Duration.ofSeconds(59));
        Jwt second = cache.decode("good-1");

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void afterTheMaximumAgeTheSignatureIsCheckedAgain() {
        cache.decode("good-1");
        clock.advance(Duration.ofSeconds(60));
        cache.decode("good-1");

        assertThat(verifications).hasValue(2);
    }

    @Test
    void eachTokenStringIsVerifiedOnItsOwn() {
        cache.decode("good-1");
        cache.decode("good-2");

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRejectedTokenIsNeverRemembered() {
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenStillExpires() {
        VerifiedTokenCache longLived = new VerifiedTokenCache(verifying, claims, clock, Duration.ofHours(1));
        longLived.decode("good-1");
        // Expiry (15 min) plus Spring's 60 s clock skew: the claims are checked on every use, cached or not.
        clock.advance(Duration.ofMinutes(15).plusSeconds(61));

        assertThatThrownBy(() -> longLived.decode("good-1"))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("Jwt expired at");
        assertThat(verifications).hasValue(1);
    }

    private static OAuth2TokenValidator<Jwt> claims(Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator("urn:test"));
    }
}
