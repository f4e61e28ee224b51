package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.user.UserId;

public interface DeleteUserUseCase {

    void delete(Caller caller, UserId userId);
}
