package dev.delegatedadmin.adapters.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.delegatedadmin.application.port.out.TokenIssuer;
import dev.delegatedadmin.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/** A token issuer that really signs RS256 JWTs, plus ways to mint bad ones (expired, forged, ...). */
class TestTokens implements TokenIssuer {

    static final String ISSUER = "https://idp.test/";
    static final String AUDIENCE = "delegated-admin-test";
    static final String KID = "test-key-1";
    static final Duration LIFETIME = Duration.ofMinutes(15);

    private final RSAKey signingKey = generate(KID);
    /** Same kid, different key: what a forger would have. */
    private final RSAKey forgerKey = generate(KID);

    @Override
    public AccessToken issue(User user) {
        return new AccessToken(sign(claims(user.id().value()).build(), signingKey), LIFETIME);
    }

    private final AtomicBoolean keysUnavailable = new AtomicBoolean();

    /** Makes {@link #verificationKeys()} fail, as a key store that is down would. */
    void keysUnavailable(boolean unavailable) {
        keysUnavailable.set(unavailable);
    }

    @Override
    public List<VerificationKey> verificationKeys() {
        if (keysUnavailable.get()) {
            throw new IllegalStateException("key store down");
        }
        try {
            return List.of(new VerificationKey(KID, "RS256", signingKey.toRSAPublicKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String tokenFor(User user) {
        return issue(user).value();
    }

    /** Valid claims for a subject; tests change what they need. */
    JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("cv", 0L); // InMemoryCredentialVersions: everyone starts at 0
    }

    String sign(JWTClaimsSet claims) {
        return sign(claims, signingKey);
    }

    String forge(JWTClaimsSet claims) {
        return sign(claims, forgerKey);
    }

    String signWithKid(JWTClaimsSet claims, String kid) {
        return sign(claims, signingKey, kid);
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        return sign(claims, key, key.getKeyID());
    }

    private static String sign(JWTClaimsSet claims, RSAKey key, String kid) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
