package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.port.in.PublishSigningKeysUseCase;
import dev.delegatedadmin.application.port.out.TokenIssuer;
import java.util.List;

/** The local IdP's verification keys, as the token issuer keeps them. */
public final class SigningKeyService implements PublishSigningKeysUseCase {

    private final TokenIssuer tokenIssuer;

    public SigningKeyService(TokenIssuer tokenIssuer) {
        this.tokenIssuer = tokenIssuer;
    }

    @Override
    public List<SigningKey> signingKeys() {
        return tokenIssuer.verificationKeys().stream()
                .map(key -> new SigningKey(key.keyId(), key.algorithm(), key.publicKey()))
                .toList();
    }
}
