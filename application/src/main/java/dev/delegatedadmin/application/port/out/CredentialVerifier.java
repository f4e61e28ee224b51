package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;

/** The local IdP's password check. A successful check also counts the login. */
public interface CredentialVerifier {

    sealed interface Result {
        record Authenticated(User user) implements Result {
        }

        /** Unknown email, wrong password, or no password set: deliberately one answer, taking the same time. */
        record WrongCredentials() implements Result {
        }

        /** The password was right, but the account is blocked. */
        record Blocked(User user) implements Result {
        }
    }

    Result verify(Email email, Password password);
}
