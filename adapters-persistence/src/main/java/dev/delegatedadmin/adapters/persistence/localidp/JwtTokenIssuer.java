package dev.delegatedadmin.adapters.persistence.localidp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.delegatedadmin.application.port.out.CredentialVersions;
import dev.delegatedadmin.application.port.out.TokenIssuer;
import dev.delegatedadmin.domain.user.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * The local IdP's access tokens: RS256 JWTs signed with the active key of {@link SigningKeys}, with {@code iss},
 * {@code aud}, {@code sub} (the user id), {@code email}, {@code iat}, {@code nbf}, {@code exp}, a random {@code jti}
 * and {@code cv}, the user's credential version: bumping it revokes the token.
 */
public final class JwtTokenIssuer implements TokenIssuer {

    static final String EMAIL_CLAIM = "email";
    static final String CREDENTIAL_VERSION_CLAIM = "cv";

    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final CredentialVersions versions;
    private final SecureRandom random = new SecureRandom();

    public JwtTokenIssuer(SigningKeys keys, Clock clock, String issuer, String audience, Duration ttl,
                   CredentialVersions versions) {
        this.versions = Objects.requireNonNull(versions, "versions");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.issuer = requireText(issuer, "issuer");
        this.audience = requireText(audience, "audience");
        if (ttl == null || ttl.isNegative() || ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("The token lifetime must be at least one second, not " + ttl);
        }
        this.ttl = ttl.truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public AccessToken issue(User user) {
        SigningKeys.SigningKey key = keys.active();
        // Read after the password check: a change in between (sub-millisecond) would be carried. A user deleted
        // meanwhile gets version 0, which no row matches, so the token is refused.
        long version = versions.current(user.id()).orElse(0L);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS); // JWT times are whole seconds
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(user.id().value())
                .claim(EMAIL_CLAIM, user.email().value())
                .claim(CREDENTIAL_VERSION_CLAIM, version)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(newJti())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.kid()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token with key " + key.kid(), e);
        }
        return new AccessToken(jwt.serialize(), ttl);
    }

    @Override
    public List<VerificationKey> verificationKeys() {
        return keys.all().stream()
                .map(key -> new VerificationKey(key.kid(), key.algorithm(), key.publicKey()))
                .toList();
    }

    private String newJti() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The token " + name + " must not be blank.");
        }
        return value;
    }
}
