package dev.delegatedadmin.application.port.in;

public interface ListUsersUseCase {

    UserListing list(ListUsersQuery query);
}
