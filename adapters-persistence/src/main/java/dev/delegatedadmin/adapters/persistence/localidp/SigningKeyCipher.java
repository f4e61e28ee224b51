package dev.delegatedadmin.adapters.persistence.localidp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the local IdP's private signing keys at rest (AES-256-GCM) with a key that lives outside the database
 * (SIGNING_KEY_SECRET, or a generated file in DATA_DIR), so that a copy of the database alone cannot mint tokens.
 * Stored form: {@code DAK1 || 12-byte nonce || ciphertext+tag}; the key id is authenticated with it, so a row's
 * key cannot be swapped into another row.
 */
public final class SigningKeyCipher {

    private static final byte[] MAGIC = "DAK1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String source;
    private final SecureRandom random = new SecureRandom();

    /** {@code secret}: any high-entropy text (at least 32 characters); {@code source} names it in errors, never its value. */
    public SigningKeyCipher(String secret, String source) {
        if (secret == null || secret.strip().length() < 32) {
            throw new IllegalArgumentException("The signing key secret (" + source + ") must have at least 32 characters");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.strip().getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.source = source;
    }

    static boolean isEncrypted(byte[] stored) {
        return stored.length > MAGIC.length && Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    byte[] encrypt(String kid, byte[] privateKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(privateKey);
            return ByteBuffer.allocate(MAGIC.length + NONCE_BYTES + sealed.length).put(MAGIC).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt signing key " + kid, e);
        }
    }

    byte[] decrypt(String kid, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, MAGIC.length, NONCE_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            int offset = MAGIC.length + NONCE_BYTES;
            return cipher.doFinal(stored, offset, stored.length - offset);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("The signing key " + kid + " cannot be decrypted with " + source
                    + ": it was encrypted with another secret. Restore the original secret (SIGNING_KEY_SECRET or the"
                    + " key file in DATA_DIR); see docs/operations.md, \"Token signing keys\"");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt signing key " + kid, e);
        }
    }
}
