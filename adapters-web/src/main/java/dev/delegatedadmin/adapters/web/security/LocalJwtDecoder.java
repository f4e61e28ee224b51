package dev.delegatedadmin.adapters.web.security;

import dev.delegatedadmin.application.port.in.LocalTokensUseCase;
import dev.delegatedadmin.application.port.in.PublishSigningKeysUseCase;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
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
 * {@link PublishSigningKeysUseCase#signingKeys()} by {@code kid}, and {@code exp} (required), {@code nbf}, {@code iss}
 * and {@code aud} checked with Spring Security's default 60 s clock skew; {@code iat} is required and no older than
 * the configured lifetime plus that skew, and {@code exp} no further than that from {@code iat} or from now (a token
 * signed with a stolen key for a year is refused); the credential version {@code cv} must be the user's current one
 * (checked on every use, so a password change, block, role change or logout ends the token at once). A verified
 * token is remembered for a while ({@link VerifiedTokenCache}). Bootstrap decides whether to use it.
 */
public final class LocalJwtDecoder {

    static final Duration SKEW = Duration.ofSeconds(60);
    static final String CREDENTIAL_VERSION_CLAIM = "cv";

    private LocalJwtDecoder() {
    }

    public static JwtDecoder create(PublishSigningKeysUseCase keys, LocalTokensUseCase tokens, String issuer,
                                    String audience, Duration lifetime) {
        return create(keys, tokens, issuer, audience, lifetime, Clock.systemUTC(),
                UseCaseJwkSource.MIN_REFRESH_INTERVAL, UseCaseJwkSource.MAX_AGE);
    }

    static JwtDecoder create(PublishSigningKeysUseCase keys, LocalTokensUseCase tokens, String issuer,
                             String audience, Duration lifetime, Clock clock, Duration minRefreshInterval, Duration maxAge) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(lifetime, "lifetime");
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
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                maxAge(lifetime.plus(SKEW), clock),
                credentialVersion(tokens));
        decoder.setJwtValidator(claims);
        return new VerifiedTokenCache(decoder, claims);
    }

    /** iat present, not in the future, at most {@code bound} old; exp at most {@code bound} after iat and now. */
    static OAuth2TokenValidator<Jwt> maxAge(Duration bound, Clock clock) {
        return jwt -> {
            Instant now = clock.instant();
            Instant issuedAt = jwt.getIssuedAt();
            Instant expiresAt = jwt.getExpiresAt();
            if (issuedAt == null || issuedAt.isAfter(now.plus(SKEW)) || issuedAt.isBefore(now.minus(bound))) {
                return invalid("The token's issue time is missing, in the future or too long ago.");
            }
            if (expiresAt != null && (expiresAt.isAfter(issuedAt.plus(bound)) || expiresAt.isAfter(now.plus(bound)))) {
                return invalid("The token's expiry is further away than a token's lifetime.");
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    /** The version the token was issued with must still be the user's: bumped, the token is revoked. */
    static OAuth2TokenValidator<Jwt> credentialVersion(LocalTokensUseCase tokens) {
        return jwt -> {
            if (!(jwt.getClaims().get(CREDENTIAL_VERSION_CLAIM) instanceof Number version)
                    || version.longValue() != version.doubleValue()) {
                return invalid("The token has no credential version.");
            }
            UserId subject;
            try {
                subject = new UserId(jwt.getSubject());
            } catch (InvalidValueException e) {
                return invalid("The token has no valid subject.");
            }
            return tokens.isCurrent(subject, version.longValue()) ? OAuth2TokenValidatorResult.success()
                    : invalid("The token was revoked.");
        };
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
