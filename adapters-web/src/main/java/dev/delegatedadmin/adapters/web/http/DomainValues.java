package dev.delegatedadmin.adapters.web.http;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.shared.Text;
import dev.delegatedadmin.domain.user.MetadataPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns raw request values into domain values, collecting each refusal under the JSON field it came from
 * (the domain names its own field, e.g. {@code department}, which is not where the client put it).
 */
public final class DomainValues {

    private final List<FieldError> errors = new ArrayList<>();

    public <T> @Nullable T of(String field, @Nullable String raw, Function<String, T> factory) {
        if (raw == null) {
            return null;
        }
        try {
            return factory.apply(raw);
        } catch (InvalidValueException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    public MetadataPatch metadata(String field, @Nullable Map<String, Object> raw) {
        if (raw == null) {
            return MetadataPatch.NONE;
        }
        try {
            return MetadataPatch.of(raw);
        } catch (InvalidValueException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return MetadataPatch.NONE;
        }
    }

    public @Nullable List<Department> departments(String field, @Nullable List<String> names) {
        if (names == null) {
            return null;
        }
        List<Department> departments = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            Department department = of(field + "[" + i + "]", names.get(i), Department::new);
            if (department != null) {
                departments.add(department);
            }
        }
        return departments;
    }

    /** A query parameter the database or the IdP could not take as it is: a 400 naming it. */
    public static void requireStorable(String field, @Nullable String value) {
        if (value != null && !Text.isStorable(value)) {
            throw InvalidInputException.of(field, Text.UNSTORABLE);
        }
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
