package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.FieldPath;
import dev.delegatedadmin.domain.policy.WriteRule;
import dev.delegatedadmin.domain.shared.TreeReader;
import dev.delegatedadmin.domain.user.ConnectionName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The policy document's reading context: the strict tree reader with the document's conventions (lists of at most
 * {@value #MAX_ITEMS}, "Unknown key."), the known departments once read, and the readers of values that several
 * parts share (departments, roles, field paths, connections, rule ids and messages).
 */
final class DocumentReader {

    static final int MAX_ITEMS = 200;

    private final TreeReader tree = new TreeReader("Unknown key.");
    private Set<Department> known = Set.of();

    void know(Set<Department> departments) {
        known = Set.copyOf(departments);
    }

    Set<Department> known() {
        return known;
    }

    Map<String, Object> object(Object node, String path) {
        return tree.object(node, path);
    }

    Map<String, Object> object(Object node, String path, Set<String> allowed) {
        return tree.object(node, path, allowed);
    }

    void refuseUnknown(Map<String, Object> map, String path, Set<String> allowed) {
        tree.refuseUnknown(map, path, allowed);
    }

    /** A list, or empty (with an error) when the node is something else; absent is empty. */
    List<Object> list(Object node, String path) {
        return tree.list(node, path, "Must be a list.", MAX_ITEMS);
    }

    String string(Object node, String path) {
        return tree.string(node, path);
    }

    Boolean bool(Object node, String path) {
        return tree.bool(node, path);
    }

    Integer integer(Object node, String path) {
        return tree.integer(node, path);
    }

    <E extends Enum<E>> E enumValue(Object node, String path, Class<E> type) {
        return tree.enumValue(node, path, type);
    }

    /** {@code defining}: the document's own list (required, any name); else each must be a known department. */
    List<Department> departments(Object node, String path, boolean defining) {
        if (node == null) {
            if (defining) {
                error(path, "Required.");
            }
            return List.of();
        }
        List<Object> items = list(node, path);
        List<Department> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = TreeReader.item(path, i);
            Department department = defining ? departmentName(items.get(i), itemPath)
                    : knownDepartment(items.get(i), itemPath);
            if (department != null && result.contains(department)) {
                error(itemPath, "Listed more than once.");
            } else if (department != null) {
                result.add(department);
            }
        }
        return result;
    }

    private Department departmentName(Object node, String path) {
        String name = string(node, path);
        return name == null ? null : tree.value(path, () -> new Department(name));
    }

    Department knownDepartment(Object node, String path) {
        Department department = departmentName(node, path);
        if (department != null && !known.contains(department)) {
            error(path, "Unknown department \"" + department.name() + "\".");
            return null;
        }
        return department;
    }

    Set<Role> roles(Object node, String path) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<Object> items = list(node, path);
        for (int i = 0; i < items.size(); i++) {
            String itemPath = TreeReader.item(path, i);
            String name = string(items.get(i), itemPath);
            if (name == null) {
                continue;
            }
            Optional<Role> role = Role.fromExternalName(name);
            if (role.isEmpty()) {
                error(itemPath, "Unknown role \"" + name + "\"; one of "
                        + String.join(", ", Arrays.stream(Role.values()).map(Role::externalName).toList()) + ".");
            } else {
                roles.add(role.get());
            }
        }
        return roles;
    }

    /** Required. */
    FieldPath fieldPath(Object node, String path) {
        String text = string(node, path);
        return text == null ? null : tree.value(path, () -> FieldPath.parse(text));
    }

    /** Absent: the default database connection. */
    ConnectionName connection(Object node, String path) {
        if (node == null) {
            return ConnectionName.DEFAULT_DATABASE;
        }
        String name = string(node, path);
        return name == null ? null : tree.value(path, () -> new ConnectionName(name));
    }

    /** Absent: {@code fallback}; else a valid id, or {@code null} with an error. */
    String ruleId(Map<String, Object> rule, String path, String fallback) {
        if (!rule.containsKey("id")) {
            return fallback;
        }
        String idPath = TreeReader.child(path, "id");
        String id = string(rule.get("id"), idPath);
        if (id != null && !WriteRule.ID.matcher(id).matches()) {
            error(idPath, "A rule id is 1 to 64 lower-case letters, digits or dashes.");
            return null;
        }
        return id;
    }

    /** Absent (or not a string, with an error): {@code fallback}. */
    String message(Object node, String path, String fallback) {
        if (node == null) {
            return fallback;
        }
        String message = string(node, path);
        if (message != null && (message.isBlank() || message.length() > 500)) {
            error(path, "A rule message is 1 to 500 characters.");
        }
        return message == null ? fallback : message;
    }

    <T> T value(String path, java.util.function.Supplier<T> constructor) {
        return tree.value(path, constructor);
    }

    boolean hasErrorsUnder(String path) {
        return tree.hasErrorsUnder(path);
    }

    int count() {
        return tree.count();
    }

    void error(String path, String message) {
        tree.error(path, message);
    }

    List<PolicyError> errors() {
        return tree.problems().stream().map(p -> new PolicyError(p.path(), p.message())).toList();
    }
}
