package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** Issue 12: the database alone does not hold a usable signing key. */
public class SigningKeyEncryptionTest {

    private static final String SECRET = "test-secret-for-the-signing-keys-0123456789";
    static final SigningKeyCipher CIPHER = new SigningKeyCipher(SECRET, "test secret");

    private final DSLContext db = Databases.migrated();
    private final Clock clock = Clock.systemUTC();

    @Test
    void the_stored_private_key_is_not_a_pkcs8_key() {
        SigningKeys keys = new SigningKeys(db, clock, CIPHER);
        keys.start();
        byte[] stored = db.select(SIGNING_KEY.PRIVATE_KEY).from(SIGNING_KEY).fetchSingle().value1();
        assertThatThrownBy(() -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(stored)))
                .isInstanceOf(InvalidKeySpecException.class);
        assertThat(SigningKeyCipher.isEncrypted(stored)).isTrue();
        assertThat(new SigningKeys(db, clock, CIPHER).active().privateKey()).isEqualTo(keys.active().privateKey());
    }

    @Test
    void a_key_stored_in_clear_by_an_older_version_is_encrypted_on_start_and_keeps_signing() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair legacy = generator.generateKeyPair();
        db.insertInto(SIGNING_KEY)
                .set(SIGNING_KEY.KID, "legacy-key")
                .set(SIGNING_KEY.ALGORITHM, "RS256")
                .set(SIGNING_KEY.PRIVATE_KEY, legacy.getPrivate().getEncoded())
                .set(SIGNING_KEY.PUBLIC_KEY, legacy.getPublic().getEncoded())
                .set(SIGNING_KEY.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .set(SIGNING_KEY.ACTIVE, true)
                .execute();

        SigningKeys keys = new SigningKeys(db, clock, CIPHER);
        keys.start();

        byte[] stored = db.select(SIGNING_KEY.PRIVATE_KEY).from(SIGNING_KEY).fetchSingle().value1();
        assertThat(SigningKeyCipher.isEncrypted(stored)).isTrue();
        assertThat(keys.active().kid()).isEqualTo("legacy-key");
        assertThat(keys.active().privateKey()).isEqualTo(legacy.getPrivate());
    }

    @Test
    void a_wrong_secret_stops_the_start_with_a_clear_message() {
        new SigningKeys(db, clock, CIPHER).start();
        SigningKeys wrong = new SigningKeys(db, clock, new SigningKeyCipher("another-secret-of-at-least-32-characters", "SIGNING_KEY_SECRET"));
        assertThatThrownBy(wrong::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be decrypted with SIGNING_KEY_SECRET")
                .hasMessageNotContaining("another-secret");
    }

    @Test
    void a_short_secret_is_refused() {
        assertThatThrownBy(() -> new SigningKeyCipher("short", "SIGNING_KEY_SECRET"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("short\"");
    }
}
