package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.user.User;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;

/** Issues the local IdP's signed access tokens and publishes the keys that verify them. */
public interface TokenIssuer {

    record AccessToken(String value, Duration expiresIn) {
        @Override
        public String toString() {
            return "AccessToken[redacted, expiresIn=" + expiresIn + "]";
        }
    }

    record VerificationKey(String keyId, String algorithm, PublicKey publicKey) {
    }

    AccessToken issue(User user);

    List<VerificationKey> verificationKeys();
}
