package dev.delegatedadmin.adapters.web.security;

import dev.delegatedadmin.application.port.in.LogInUseCase;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies the local IdP's tokens: RS256 only (no {@code none}, no HMAC with a public key), keys from
 * {@link LogInUseCase#verificationKeys()} by {@code kid}, and {@code exp} (required), {@code nbf}, {@code iss}
 * and {@code aud} checked with Spring Security's default 60 s clock skew; a verified token is remembered for a
 * while ({@link VerifiedTokenCache}). Bootstrap decides whether to use it.
 */
public final class LocalJwtDecoder {

    private LocalJwtDecoder() {
    }

    public static JwtDecoder create(LogInUseCase keys, String issuer, String audience) {
        return create(keys, issuer, audience, UseCaseJwkSource.MIN_REFRESH_INTERVAL, UseCaseJwkSource.MAX_AGE);
    }

    static JwtDecoder create(LogInUseCase keys, String issuer, String audience, Duration minRefreshInterval,
                             Duration maxAge) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withJwkSource(new UseCaseJwkSource(keys, minRefreshInterval, maxAge))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        // RFC 9068 access tokens say "at+jwt"; plain "JWT" or no typ is fine too.
        JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt");
        type.setAllowEmpty(true);
        OAuth2TokenValidator<Jwt> claims = JwtValidators.createDefaultWithValidators(
                type,
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience),
                // Spring checks exp only when present; a token without one would never expire.
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        decoder.setJwtValidator(claims);
        return new VerifiedTokenCache(decoder, claims);
    }
}
