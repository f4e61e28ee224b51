package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.GetUserUseCase;
import dev.delegatedadmin.application.port.in.ListUsersQuery;
import dev.delegatedadmin.application.port.in.ListUsersUseCase;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.application.port.out.SearchUsers;
import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.application.port.in.UserListing;
import dev.delegatedadmin.application.port.out.UserPage;
import dev.delegatedadmin.application.port.out.UserSearch;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads users, always within the caller's scope. */
public final class UserQueryService implements GetUserUseCase, ListUsersUseCase {

    public static final int MAX_SEARCH_LENGTH = 200;

    private final LoadUsers loadUsers;
    private final SearchUsers searchUsers;
    private final PolicyStore policyStore;

    public UserQueryService(LoadUsers loadUsers, SearchUsers searchUsers, PolicyStore policyStore) {
        this.loadUsers = loadUsers;
        this.searchUsers = searchUsers;
        this.policyStore = policyStore;
    }

    @Override
    public User get(Caller caller, UserId userId) {
        requireAuditor(caller);
        Scope scope = Scope.of(caller.actor(), policyStore.activePolicy().departments());
        return loadUsers.findById(userId)
                .filter(scope::includes)
                .orElseThrow(() -> new NotFoundException(UserWriteService.NOT_FOUND));
    }

    @Override
    public UserListing list(ListUsersQuery query) {
        requireAuditor(query.caller());
        DepartmentSettings departments = policyStore.activePolicy().departments();
        List<FieldError> errors = new ArrayList<>();
        if (query.page() < 0) {
            errors.add(new FieldError("page", "page starts at 0."));
        }
        if (query.perPage() < 1 || query.perPage() > UserSearch.MAX_PER_PAGE) {
            errors.add(new FieldError("per_page", "per_page is between 1 and " + UserSearch.MAX_PER_PAGE + "."));
        } else if (((long) query.page() + 1) * query.perPage() > UserSearch.MAX_RESULT_WINDOW) {
            errors.add(new FieldError("page", "Only the first " + UserSearch.MAX_RESULT_WINDOW
                    + " results can be paged through; narrow the search."));
        }
        if (query.search().map(String::length).orElse(0) > MAX_SEARCH_LENGTH) {
            errors.add(new FieldError("search", "search has at most " + MAX_SEARCH_LENGTH + " characters."));
        }
        Optional<Department> department = Optional.empty();
        if (query.department().isPresent()) {
            department = knownDepartment(query.department().get(), departments, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }

        Scope scope = Scope.of(query.caller().actor(), departments);
        boolean nothingVisible = scope.isEmpty() || department.map(d -> !scope.includes(d)).orElse(false);
        if (nothingVisible) {
            return new UserListing(List.of(), query.page(), query.perPage(),
                    query.includeTotals() ? OptionalLong.of(0) : OptionalLong.empty(), List.of());
        }
        Optional<String> text = query.search().map(String::strip).filter(s -> !s.isEmpty());
        return listing(searchUsers.search(new UserSearch(scope, text, department, query.page(), query.perPage(),
                query.includeTotals())));
    }

    private static UserListing listing(UserPage page) {
        return new UserListing(page.users(), page.page(), page.perPage(), page.total(), page.unreadable().stream()
                .map(u -> new UserListing.Unreadable(u.userId(), u.email(), u.reason()))
                .toList());
    }

    private static Optional<Department> knownDepartment(String name, DepartmentSettings departments, List<FieldError> errors) {
        try {
            Department department = new Department(name);
            if (departments.isKnown(department)) {
                return Optional.of(department);
            }
        } catch (InvalidValueException e) {
            // reported below as unknown
        }
        errors.add(new FieldError("department", "Unknown department."));
        return Optional.empty();
    }

    private static void requireAuditor(Caller caller) {
        Authorization.missingRole(caller.actor(), Role.AUDITOR).ifPresent(message -> {
            throw new DeniedException(Authorization.ROLE_REQUIRED, message);
        });
    }
}
