package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import dev.delegatedadmin.adapters.persistence.testsupport.MutableClock;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.delegatedadmin.application.port.out.TokenIssuer.AccessToken;
import dev.delegatedadmin.application.port.out.TokenIssuer.VerificationKey;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class JwtTokenIssuerTest {

    private static final String ISSUER = "urn:delegated-admin:local";
    private static final String AUDIENCE = "delegated-admin";
    private static final Duration TTL = Duration.ofMinutes(15);
    /** Every user at version 7: the cv claim carries it. */
    private static final dev.delegatedadmin.application.port.out.CredentialVersions VERSION_7 =
            new dev.delegatedadmin.application.port.out.CredentialVersions() {
                @Override
                public java.util.OptionalLong current(dev.delegatedadmin.domain.user.UserId user) {
                    return java.util.OptionalLong.of(7);
                }

                @Override
                public boolean bump(dev.delegatedadmin.domain.user.UserId user) {
                    return true;
                }
            };

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00.750Z"));
    private final User kelly = new User(new UserId("local|0123456789abcdef01234567"), new Email("kelly@example.com"),
            ConnectionName.DEFAULT_DATABASE, true, false, Metadata.EMPTY, Metadata.EMPTY, clock.instant(), clock.instant(),
            3, Optional.empty());
    private DSLContext db;

    @BeforeEach
    void freshDatabase() {
        db = Databases.migrated();
    }

    @Test
    void a_token_verifies_with_the_published_key_and_says_who_for_whom_until_when() throws Exception {
        JwtTokenIssuer issuer = issuer(db);

        AccessToken token = issuer.issue(kelly);

        assertThat(token.expiresIn()).isEqualTo(TTL);
        assertThat(token.toString()).doesNotContain(token.value());
        SignedJWT jwt = SignedJWT.parse(token.value());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        VerificationKey key = issuer.verificationKeys().stream()
                .filter(k -> k.keyId().equals(jwt.getHeader().getKeyID())).findFirst().orElseThrow();
        assertThat(key.algorithm()).isEqualTo("RS256");
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) key.publicKey()))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        Date now = Date.from(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly(AUDIENCE);
        assertThat(claims.getSubject()).isEqualTo("local|0123456789abcdef01234567");
        assertThat(claims.getStringClaim("email")).isEqualTo("kelly@example.com");
        assertThat(claims.getLongClaim("cv")).isEqualTo(7L);
        assertThat(claims.getIssueTime()).isEqualTo(now);
        assertThat(claims.getNotBeforeTime()).isEqualTo(now);
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(now.toInstant().plus(TTL)));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("iss", "aud", "sub", "email", "iat", "nbf", "exp", "jti", "cv");

        assertThat(SignedJWT.parse(issuer.issue(kelly).value()).getJWTClaimsSet().getJWTID()).isNotEqualTo(claims.getJWTID());
    }

    @Test
    void a_tampered_token_does_not_verify() throws Exception {
        JwtTokenIssuer issuer = issuer(db);
        String[] parts = issuer.issue(kelly).value().split("\\.");
        SignedJWT other = SignedJWT.parse(issuer.issue(new User(new UserId("local|ffffffffffffffffffffffff"),
                new Email("mallory@example.com"), ConnectionName.DEFAULT_DATABASE, true, false, Metadata.EMPTY,
                Metadata.EMPTY, clock.instant(), clock.instant(), 0, Optional.empty())).value());
        SignedJWT forged = SignedJWT.parse(parts[0] + "." + other.getParsedParts()[1] + "." + parts[2]);

        RSAPublicKey key = (RSAPublicKey) issuer.verificationKeys().getFirst().publicKey();
        assertThat(forged.verify(new RSASSAVerifier(key))).isFalse();
    }

    @Test
    void the_key_is_kept_in_the_database_and_reused_after_a_restart() throws Exception {
        JwtTokenIssuer first = issuer(db);
        AccessToken token = first.issue(kelly);

        JwtTokenIssuer afterRestart = issuer(db);
        assertThat(afterRestart.verificationKeys()).extracting(VerificationKey::keyId)
                .containsExactlyElementsOf(first.verificationKeys().stream().map(VerificationKey::keyId).toList());
        SignedJWT jwt = SignedJWT.parse(token.value());
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) afterRestart.verificationKeys().getFirst().publicKey()))).isTrue();
        assertThat(SignedJWT.parse(afterRestart.issue(kelly).value()).getHeader().getKeyID()).isEqualTo(jwt.getHeader().getKeyID());

        assertThat(db.fetchCount(SIGNING_KEY)).isEqualTo(1);
        assertThat(db.fetchValue(SIGNING_KEY.ALGORITHM)).isEqualTo("RS256");
        assertThat(db.fetchValue(SIGNING_KEY.KID)).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void two_instances_starting_together_end_up_with_one_shared_key() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            DSLContext shared = Databases.migrated();
            JwtTokenIssuer a = issuer(shared);
            JwtTokenIssuer b = issuer(shared);
            CyclicBarrier start = new CyclicBarrier(2);
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                CompletableFuture<AccessToken> fromA = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return a.issue(kelly);
                }, pool);
                CompletableFuture<AccessToken> fromB = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return b.issue(kelly);
                }, pool);
                String kidA = SignedJWT.parse(fromA.get().value()).getHeader().getKeyID();
                String kidB = SignedJWT.parse(fromB.get().value()).getHeader().getKeyID();

                assertThat(kidA).isEqualTo(kidB);
                assertThat(shared.fetchCount(SIGNING_KEY)).isEqualTo(1);
                assertThat(a.verificationKeys()).extracting(VerificationKey::keyId).containsExactly(kidA);
                assertThat(b.verificationKeys()).extracting(VerificationKey::keyId).containsExactly(kidA);
                RSAPublicKey key = (RSAPublicKey) a.verificationKeys().getFirst().publicKey();
                assertThat(SignedJWT.parse(fromB.get().value()).verify(new RSASSAVerifier(key))).isTrue();
            }
        }
    }

    @Test
    void verification_keys_include_retired_keys_active_first() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair retired = generator.generateKeyPair();
        db.insertInto(SIGNING_KEY)
                .set(SIGNING_KEY.KID, "retired-key")
                .set(SIGNING_KEY.ALGORITHM, "RS256")
                .set(SIGNING_KEY.PRIVATE_KEY, retired.getPrivate().getEncoded())
                .set(SIGNING_KEY.PUBLIC_KEY, retired.getPublic().getEncoded())
                .set(SIGNING_KEY.CREATED_AT, OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))
                .set(SIGNING_KEY.ACTIVE, false)
                .execute();
        JwtTokenIssuer issuer = issuer(db);

        List<VerificationKey> keys = issuer.verificationKeys();

        assertThat(keys).hasSize(2);
        String activeKid = SignedJWT.parse(issuer.issue(kelly).value()).getHeader().getKeyID();
        assertThat(keys.get(0).keyId()).isEqualTo(activeKid).isNotEqualTo("retired-key");
        assertThat(keys.get(1)).isEqualTo(new VerificationKey("retired-key", "RS256", retired.getPublic()));
        assertThat(keys).allSatisfy(key -> {
            assertThat(key.algorithm()).isEqualTo("RS256");
            assertThat(key.publicKey()).isInstanceOf(RSAPublicKey.class);
            assertThat(((RSAPublicKey) key.publicKey()).getModulus().bitLength()).isEqualTo(2048);
        });
    }

    @Test
    void misconfiguration_is_refused_at_construction() {
        SigningKeys keys = new SigningKeys(db, clock, SigningKeyEncryptionTest.CIPHER);
        assertThatThrownBy(() -> new JwtTokenIssuer(keys, clock, " ", AUDIENCE, TTL, VERSION_7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtTokenIssuer(keys, clock, ISSUER, "", TTL, VERSION_7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtTokenIssuer(keys, clock, ISSUER, AUDIENCE, Duration.ZERO, VERSION_7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtTokenIssuer(keys, clock, ISSUER, AUDIENCE, Duration.ofSeconds(-5), VERSION_7)).isInstanceOf(IllegalArgumentException.class);
        assertThat(db.fetchCount(SIGNING_KEY)).as("no key is made before first use").isZero();
    }

    private JwtTokenIssuer issuer(DSLContext database) {
        return new JwtTokenIssuer(new SigningKeys(database, clock, SigningKeyEncryptionTest.CIPHER), clock, ISSUER, AUDIENCE, TTL, VERSION_7);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
