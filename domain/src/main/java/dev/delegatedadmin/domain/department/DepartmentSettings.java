package dev.delegatedadmin.domain.department;

import dev.delegatedadmin.domain.shared.InvalidValueException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The organisation's known departments, those whose administrators see every department, and extra departments
 * that a department's administrators also manage (e.g. HR also manages Finance).
 */
public record DepartmentSettings(Set<Department> known, Set<Department> unrestricted,
                                 Map<Department, Set<Department>> alsoManages) {

    public DepartmentSettings(Set<Department> known, Set<Department> unrestricted) {
        this(known, unrestricted, Map.of());
    }

    public DepartmentSettings {
        Objects.requireNonNull(known, "known");
        Objects.requireNonNull(unrestricted, "unrestricted");
        if (known.isEmpty()) {
            throw new InvalidValueException("departments", "At least one department must be known.");
        }
        if (!known.containsAll(unrestricted)) {
            throw new InvalidValueException("unrestricted_departments", "Unrestricted departments must be known departments.");
        }
        Objects.requireNonNull(alsoManages, "alsoManages");
        Map<Department, Set<Department>> extra = new TreeMap<>();
        for (Map.Entry<Department, Set<Department>> entry : alsoManages.entrySet()) {
            if (!known.contains(entry.getKey()) || !known.containsAll(entry.getValue())) {
                throw new InvalidValueException("also_manages", "also_manages names only known departments.");
            }
            extra.put(entry.getKey(), Collections.unmodifiableSet(new TreeSet<>(entry.getValue())));
        }
        known = Collections.unmodifiableSet(new TreeSet<>(known));
        unrestricted = Collections.unmodifiableSet(new TreeSet<>(unrestricted));
        alsoManages = Collections.unmodifiableMap(extra);
    }

    public boolean isKnown(Department department) {
        return known.contains(department);
    }

    /** The departments an administrator of {@code own} manages, when {@code own} is not unrestricted. */
    public Set<Department> managedBy(Department own) {
        Set<Department> managed = new TreeSet<>(alsoManages.getOrDefault(own, Set.of()));
        managed.add(own);
        return managed;
    }
}
