package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;

public interface GetUserUseCase {

    /** 404 (NotFoundException) when unknown or outside the caller's scope. */
    User get(Caller caller, UserId userId);
}
