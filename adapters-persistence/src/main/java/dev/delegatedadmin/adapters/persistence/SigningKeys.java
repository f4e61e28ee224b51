package dev.delegatedadmin.adapters.persistence;

import static dev.delegatedadmin.adapters.persistence.jooq.Tables.SIGNING_KEY;

import dev.delegatedadmin.adapters.persistence.jooq.tables.records.SigningKeyRecord;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local IdP's RSA signing keys, kept in {@code signing_key} so that every instance signs with the same key.
 * The first use loads the active key, or creates it: two instances starting at once both try to insert, the
 * partial unique index lets one win, and both then read the winner's key. Private keys are never logged, and are
 * stored encrypted ({@link SigningKeyCipher}).
 */
final class SigningKeys {

    static final String ALGORITHM = "RS256";
    static final int KEY_SIZE = 2048;
    /** How long the list of verification keys is trusted before it is read again (keys are rarely added). */
    static final Duration VERIFICATION_KEYS_REFRESH = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /** One key; the private part stays in this package. */
    record SigningKey(String kid, String algorithm, RSAPublicKey publicKey, RSAPrivateKey privateKey, boolean active) {
        @Override
        public String toString() {
            return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + ", active=" + active + "]";
        }
    }

    private record Snapshot(List<SigningKey> keys, long readAtNanos) {
    }

    private final DSLContext dsl;
    private final Clock clock;
    private final SigningKeyCipher cipher;
    private final SecureRandom random = new SecureRandom();
    private volatile SigningKey active;
    private volatile Snapshot all;

    SigningKeys(DSLContext dsl, Clock clock, SigningKeyCipher cipher) {
        // Not joined to a caller's transaction: a key that other instances must see is committed at once.
        // jOOQ's DEBUG log would print bind values, here private keys.
        this.dsl = OwnTransactions.of(dsl).configuration()
                .deriveSettings(settings -> settings.withExecuteLogging(false)).dsl();
        this.clock = clock;
        this.cipher = cipher;
    }

    /**
     * At start: encrypts keys stored in clear by an older version, then loads the active key, so that a wrong
     * secret stops the start with a clear message rather than failing the first login.
     */
    void start() {
        int encrypted = 0;
        for (SigningKeyRecord row : dsl.selectFrom(SIGNING_KEY).fetch()) {
            if (!SigningKeyCipher.isEncrypted(row.getPrivateKey())) {
                encrypted += dsl.update(SIGNING_KEY)
                        .set(SIGNING_KEY.PRIVATE_KEY, cipher.encrypt(row.getKid(), row.getPrivateKey()))
                        .where(SIGNING_KEY.KID.eq(row.getKid()), SIGNING_KEY.PRIVATE_KEY.eq(row.getPrivateKey()))
                        .execute();
            }
        }
        if (encrypted > 0) {
            log.info("Encrypted {} signing key(s) stored in clear by an older version", encrypted);
        }
        active();
    }

    /** The key that signs new tokens, created on first use if there is none. */
    SigningKey active() {
        SigningKey key = active;
        if (key == null) {
            synchronized (this) {
                key = active;
                if (key == null) {
                    key = active = loadOrCreateActive();
                }
            }
        }
        return key;
    }

    /** Every stored key, active or not: tokens signed by a retired key still verify until they expire. */
    List<SigningKey> all() {
        Snapshot snapshot = all;
        if (snapshot == null || System.nanoTime() - snapshot.readAtNanos() > VERIFICATION_KEYS_REFRESH.toNanos()) {
            active(); // there is always at least the active key to publish
            snapshot = all = new Snapshot(dsl.selectFrom(SIGNING_KEY)
                    .orderBy(SIGNING_KEY.ACTIVE.desc(), SIGNING_KEY.CREATED_AT.desc(), SIGNING_KEY.KID)
                    .fetch(this::toKey), System.nanoTime());
        }
        return snapshot.keys();
    }

    private SigningKey loadOrCreateActive() {
        Optional<SigningKey> existing = readActive();
        if (existing.isPresent()) {
            return existing.get();
        }
        KeyPair pair = generate();
        String kid = newKid();
        int inserted = dsl.transactionResult(configuration -> configuration.dsl().insertInto(SIGNING_KEY)
                .set(SIGNING_KEY.KID, kid)
                .set(SIGNING_KEY.ALGORITHM, ALGORITHM)
                .set(SIGNING_KEY.PRIVATE_KEY, cipher.encrypt(kid, pair.getPrivate().getEncoded())) // PKCS#8, encrypted
                .set(SIGNING_KEY.PUBLIC_KEY, pair.getPublic().getEncoded()) // X.509 SubjectPublicKeyInfo
                .set(SIGNING_KEY.CREATED_AT, OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                .set(SIGNING_KEY.ACTIVE, true)
                .onConflictDoNothing() // signing_key_single_active_uq: another instance was first
                .execute());
        SigningKey key = readActive().orElseThrow(() -> new IllegalStateException("No active signing key after creating one."));
        if (inserted == 1) {
            log.info("Created the local IdP's signing key {} ({} bits)", key.kid(), KEY_SIZE);
        } else {
            log.info("Using the signing key {} that another instance created at the same time", key.kid());
        }
        return key;
    }

    private Optional<SigningKey> readActive() {
        return dsl.selectFrom(SIGNING_KEY).where(SIGNING_KEY.ACTIVE.isTrue()).fetchOptional().map(this::toKey);
    }

    private KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key pair", e);
        }
    }

    private String newKid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private SigningKey toKey(SigningKeyRecord row) {
        byte[] stored = row.getPrivateKey();
        // In clear only until start() has encrypted an older version's rows.
        byte[] pkcs8 = SigningKeyCipher.isEncrypted(stored) ? cipher.decrypt(row.getKid(), stored) : stored;
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new SigningKey(
                    row.getKid(),
                    row.getAlgorithm(),
                    (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(row.getPublicKey())),
                    (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                    Boolean.TRUE.equals(row.getActive()));
        } catch (GeneralSecurityException | ClassCastException e) {
            // The message names the key only, never its bytes.
            throw new IllegalStateException("Signing key " + row.getKid() + " cannot be decoded as RSA", e);
        }
    }
}
