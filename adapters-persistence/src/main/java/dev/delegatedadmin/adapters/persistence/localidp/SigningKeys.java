package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
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
public final class SigningKeys {

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

    private record Active(SigningKey key, long readAtNanos) {
    }

    /** The verifier's clock skew (LocalJwtDecoder): a token is accepted until this long after its expiry. */
    static final Duration VERIFIER_SKEW = Duration.ofSeconds(60);
    /** Shared by every instance: only one rotates at a time. */
    static final long ROTATION_LOCK_KEY = 0x726f74617465L; // "rotate"

    private final DSLContext dsl;
    private final Clock clock;
    private final SigningKeyCipher cipher;
    private final SecureRandom random = new SecureRandom();
    private final Duration refresh;
    private volatile Active active;
    private volatile Snapshot all;

    public SigningKeys(DSLContext dsl, Clock clock, SigningKeyCipher cipher) {
        this(dsl, clock, cipher, VERIFICATION_KEYS_REFRESH);
    }

    /**
     * {@code refresh}: how long the active key and the list of verification keys are trusted before they are read
     * again, so that a key rotated in by another instance is used (and verified) here within that time.
     */
    public SigningKeys(DSLContext dsl, Clock clock, SigningKeyCipher cipher, Duration refresh) {
        // Not joined to a caller's transaction: a key that other instances must see is committed at once.
        // jOOQ's DEBUG log would print bind values, here private keys.
        this.dsl = OwnTransactions.of(dsl).configuration()
                .deriveSettings(settings -> settings.withExecuteLogging(false)).dsl();
        this.clock = clock;
        this.cipher = cipher;
        this.refresh = refresh;
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
        Active current = active;
        if (current == null || System.nanoTime() - current.readAtNanos() > refresh.toNanos()) {
            synchronized (this) {
                current = active;
                if (current == null || System.nanoTime() - current.readAtNanos() > refresh.toNanos()) {
                    current = active = new Active(loadOrCreateActive(), System.nanoTime());
                }
            }
        }
        return current.key();
    }

    /**
     * One step of automatic rotation, under a lock that only one instance gets (the others skip): deletes keys
     * retired longer ago than {@code tokenTtl} plus the verifier's skew plus two refreshes (every token they signed
     * is refused anyway, and every instance has stopped signing with them); when the active key is {@code rotateAfter} old, creates the next key,
     * which is published at once but signs only once it is {@code refresh} old (every instance has read it by then);
     * then retires the active key and activates the next one. Returns what it did, for the log and tests.
     */
    String rotateIfDue(Duration rotateAfter, Duration tokenTtl) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            if (!Boolean.TRUE.equals(tx.select(org.jooq.impl.DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class,
                    org.jooq.impl.DSL.val(ROTATION_LOCK_KEY))).fetchSingle().value1())) {
                return "locked";
            }
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
            org.jooq.Field<OffsetDateTime> retiredAt = org.jooq.impl.DSL.field("retired_at", OffsetDateTime.class);
            int deleted = tx.deleteFrom(SIGNING_KEY).where(SIGNING_KEY.ACTIVE.isFalse(), retiredAt.isNotNull(),
                    retiredAt.lt(now.minus(tokenTtl).minus(VERIFIER_SKEW).minus(refresh.multipliedBy(2)))).execute();
            if (deleted > 0) {
                log.info("Deleted {} signing key(s) retired longer ago than the token lifetime", deleted);
            }
            SigningKeyRecord current = tx.selectFrom(SIGNING_KEY).where(SIGNING_KEY.ACTIVE.isTrue()).fetchOne();
            if (current == null || current.getCreatedAt().plus(rotateAfter).isAfter(now)) {
                return deleted > 0 ? "deleted" : "nothing";
            }
            SigningKeyRecord next = tx.selectFrom(SIGNING_KEY).where(SIGNING_KEY.ACTIVE.isFalse(), retiredAt.isNull())
                    .orderBy(SIGNING_KEY.CREATED_AT.desc()).limit(1).fetchOne();
            if (next == null) {
                insert(tx, newKid(), generate(), false);
                log.info("Created the next signing key; it signs once every instance has read it");
                return "created";
            }
            if (next.getCreatedAt().plus(refresh).isAfter(now)) {
                return "waiting";
            }
            // The partial unique index allows one active key: retire first, then activate.
            tx.update(SIGNING_KEY).set(SIGNING_KEY.ACTIVE, false).set(retiredAt, now)
                    .where(SIGNING_KEY.KID.eq(current.getKid())).execute();
            tx.update(SIGNING_KEY).set(SIGNING_KEY.ACTIVE, true).where(SIGNING_KEY.KID.eq(next.getKid())).execute();
            log.info("Rotated the signing key: {} signs now, {} verifies until its tokens have expired", next.getKid(),
                    current.getKid());
            active = null;
            all = null;
            return "rotated";
        });
    }

    /** Every stored key, active or not: tokens signed by a retired key still verify until they expire. */
    List<SigningKey> all() {
        Snapshot snapshot = all;
        if (snapshot == null || System.nanoTime() - snapshot.readAtNanos() > refresh.toNanos()) {
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
        int inserted = dsl.transactionResult(configuration -> insert(configuration.dsl(), kid, pair, true));
        SigningKey key = readActive().orElseThrow(() -> new IllegalStateException("No active signing key after creating one."));
        if (inserted == 1) {
            log.info("Created the local IdP's signing key {} ({} bits)", key.kid(), KEY_SIZE);
        } else {
            log.info("Using the signing key {} that another instance created at the same time", key.kid());
        }
        return key;
    }

    private int insert(DSLContext tx, String kid, KeyPair pair, boolean activeNow) {
        return tx.insertInto(SIGNING_KEY)
                .set(SIGNING_KEY.KID, kid)
                .set(SIGNING_KEY.ALGORITHM, ALGORITHM)
                .set(SIGNING_KEY.PRIVATE_KEY, cipher.encrypt(kid, pair.getPrivate().getEncoded())) // PKCS#8, encrypted
                .set(SIGNING_KEY.PUBLIC_KEY, pair.getPublic().getEncoded()) // X.509 SubjectPublicKeyInfo
                .set(SIGNING_KEY.CREATED_AT, OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                .set(SIGNING_KEY.ACTIVE, activeNow)
                .onConflictDoNothing() // signing_key_single_active_uq: another instance was first
                .execute();
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
