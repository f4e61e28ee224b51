package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.user.User;

public interface UpdateUserUseCase {

    /** Sends only what changed; a no-op sends nothing. Returns the user as it now is. */
    User update(UpdateUserCommand command);
}
