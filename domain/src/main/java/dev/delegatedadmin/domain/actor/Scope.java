package dev.delegatedadmin.domain.actor;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.user.User;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The departments an actor may read and write. {@code all} means every department, including users
 * that have none; otherwise only users whose {@code app_metadata.department} is listed.
 */
public record Scope(boolean all, Set<Department> departments) {

    public Scope {
        Objects.requireNonNull(departments, "departments");
        departments = Collections.unmodifiableSet(new TreeSet<>(departments));
    }

    public static Scope all(Set<Department> known) {
        return new Scope(true, known);
    }

    public static Scope of(Set<Department> departments) {
        return new Scope(false, departments);
    }

    public static Scope none() {
        return new Scope(false, Set.of());
    }

    /**
     * Administrators and actors of an unrestricted department have every department; anyone else has
     * their own department and those it also manages; an actor without a department has nothing.
     */
    public static Scope of(Actor actor, DepartmentSettings settings) {
        if (actor.has(Role.ADMINISTRATOR)) {
            return all(settings.known());
        }
        return actor.department()
                .map(own -> settings.unrestricted().contains(own) ? all(settings.known()) : of(settings.managedBy(own)))
                .orElse(none());
    }

    public boolean includes(Department department) {
        return all || departments.contains(department);
    }

    public boolean includes(User user) {
        return all || user.department().map(departments::contains).orElse(false);
    }

    public boolean isEmpty() {
        return !all && departments.isEmpty();
    }
}
