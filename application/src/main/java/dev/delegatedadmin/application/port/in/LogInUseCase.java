package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.application.port.out.TokenIssuer.AccessToken;
import dev.delegatedadmin.application.port.out.TokenIssuer.VerificationKey;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import java.util.List;
import java.util.Optional;

/** The local IdP's door: email and password in, a signed access token out. */
public interface LogInUseCase {

    /**
     * {@code clientAddress}: where the attempt comes from, as the server sees it (throttled per address too).
     * {@code clientRequestId}: the client's own {@code X-Request-Id}, recorded beside the server's id on the audit rows.
     */
    AccessToken logIn(Email email, Password password, String clientAddress, Optional<String> requestId,
                      Optional<String> clientRequestId);

    /** The public keys that verify local tokens ({@code /.well-known/jwks.json}). */
    List<VerificationKey> verificationKeys();
}
