package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of users within {@code scope}, optionally narrowed to one department and a free-text search.
 * {@code text} is the caller's raw text: each adapter escapes it for its own query language.
 */
public record UserSearch(
        Scope scope,
        Optional<String> text,
        Optional<Department> department,
        int page,
        int perPage,
        boolean includeTotals) {

    public static final int MAX_PER_PAGE = 100;
    /** Auth0's user search returns at most the first 1,000 results; both IdPs keep that limit. */
    public static final int MAX_RESULT_WINDOW = 1000;

    public UserSearch {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(department, "department");
        if (page < 0 || perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("page >= 0 and 1 <= per_page <= " + MAX_PER_PAGE);
        }
    }
}
