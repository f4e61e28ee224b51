package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.application.port.out.UserPage;

public interface ListUsersUseCase {

    UserPage list(ListUsersQuery query);
}
