package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.util.Optional;

public interface BootstrapAdministratorUseCase {

    /** What the first start did; {@code generatedPassword} is shown once and never stored in clear. */
    record Bootstrapped(User administrator, Optional<Password> generatedPassword) {
    }

    /** Creates the first administrator (department IT) when the directory is empty; otherwise does nothing. */
    Optional<Bootstrapped> bootstrapIfEmpty(Email email, Optional<Password> password);
}
