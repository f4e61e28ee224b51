package dev.delegatedadmin.application.port.in;

import java.security.PublicKey;
import java.util.List;
import java.util.Objects;

/**
 * The public keys that verify the local IdP's tokens: published at {@code /.well-known/jwks.json} and read by the
 * service's own token check. Anyone may read them; logging in is {@link LogInUseCase}.
 */
public interface PublishSigningKeysUseCase {

    /** {@code algorithm}: the JWS name, e.g. {@code RS256} (blank or null: RS256, as the issuer signs). */
    record SigningKey(String keyId, String algorithm, PublicKey publicKey) {
        public SigningKey {
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    /** The current key first, then keys retired recently enough that their tokens may still be in use. */
    List<SigningKey> signingKeys();
}
