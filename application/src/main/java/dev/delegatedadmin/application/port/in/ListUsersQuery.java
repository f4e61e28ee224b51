package dev.delegatedadmin.application.port.in;

import java.util.Objects;
import java.util.Optional;

/** Raw list parameters; the use case validates them (400 with one error per field). */
public record ListUsersQuery(
        Caller caller,
        Optional<String> search,
        Optional<String> department,
        int page,
        int perPage,
        boolean includeTotals) {

    public static final int DEFAULT_PER_PAGE = 50;

    public ListUsersQuery {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(department, "department");
    }
}
