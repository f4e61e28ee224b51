package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.policy.WriteMethod;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import dev.delegatedadmin.domain.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks that need configuration (known departments), before any policy rule runs. */
final class InputValidation {

    private InputValidation() {
    }

    static void requireKnownMemberships(WritePayload payload, DepartmentSettings departments) {
        List<FieldError> errors = new ArrayList<>();
        List<Department> memberships = payload.memberships().orElse(List.of());
        if (memberships.size() > WritePayload.MAX_MEMBERSHIPS) {
            errors.add(new FieldError("memberships", "At most " + WritePayload.MAX_MEMBERSHIPS + " memberships."));
        }
        for (int i = 0; i < memberships.size(); i++) {
            if (!departments.isKnown(memberships.get(i))) {
                errors.add(new FieldError("memberships[" + i + "]", "Unknown department: " + memberships.get(i).name()));
            }
        }
        if (memberships.stream().distinct().count() != memberships.size()) {
            errors.add(new FieldError("memberships", "A department is listed more than once."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** The document's custom user fields: every field error in one 400. */
    static void requireValidUserFields(PolicyDocument document, WriteMethod method, WritePayload payload,
                                       Optional<User> original) {
        List<FieldError> errors = document.validateUserFields(method, payload, original).stream()
                .map(error -> new FieldError(error.path(), error.message()))
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
