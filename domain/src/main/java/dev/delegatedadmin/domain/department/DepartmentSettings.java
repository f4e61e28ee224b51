package dev.delegatedadmin.domain.department;

import dev.delegatedadmin.domain.shared.InvalidValueException;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The organisation's known departments and those whose administrators see every department. */
public record DepartmentSettings(Set<Department> known, Set<Department> unrestricted) {

    public DepartmentSettings {
        Objects.requireNonNull(known, "known");
        Objects.requireNonNull(unrestricted, "unrestricted");
        if (known.isEmpty()) {
            throw new InvalidValueException("departments", "At least one department must be known.");
        }
        if (!known.containsAll(unrestricted)) {
            throw new InvalidValueException("unrestricted_departments", "Unrestricted departments must be known departments.");
        }
        known = Collections.unmodifiableSet(new TreeSet<>(known));
        unrestricted = Collections.unmodifiableSet(new TreeSet<>(unrestricted));
    }

    public boolean isKnown(Department department) {
        return known.contains(department);
    }

    public Optional<Department> find(String name) {
        return known.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
