package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The local IdP's door: email and password in, a signed access token out. */
public interface LogInUseCase {

    /** A signed access token for the caller; never printed (it is a credential). */
    record SessionToken(String value, Duration expiresIn) {
        public SessionToken {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(expiresIn, "expiresIn");
        }

        @Override
        public String toString() {
            return "SessionToken[redacted, expiresIn=" + expiresIn + "]";
        }
    }

    /**
     * {@code clientAddress}: where the attempt comes from, as the server sees it (throttled per address too).
     * {@code clientRequestId}: the client's own {@code X-Request-Id}, recorded beside the server's id on the audit rows.
     */
    SessionToken logIn(Email email, Password password, String clientAddress, Optional<String> requestId,
                       Optional<String> clientRequestId);
}
