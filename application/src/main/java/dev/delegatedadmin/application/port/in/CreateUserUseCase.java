package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.user.User;

public interface CreateUserUseCase {

    /** Evaluates the write policy, audits the attempt, and creates the user in the IdP when allowed. */
    User create(CreateUserCommand command);
}
