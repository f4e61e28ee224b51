package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.policy.FieldPath;
import dev.delegatedadmin.domain.policy.GuardRules;
import dev.delegatedadmin.domain.policy.WriteRule;
import dev.delegatedadmin.domain.policy.WriteRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a new policy document would weaken compared with the one in force: a rule kind that disappears, a protected
 * field that is no longer protected or becomes editable by a lower role, fewer guarded actions of
 * {@code higher_role_required}, an unrestricted department or an {@code also_manages} pair added. Each weakening is
 * one sentence; none means the change only keeps or tightens the protections.
 */
public final class PolicyWeakening {

    private PolicyWeakening() {
    }

    public static List<String> between(PolicyDocument current, PolicyDocument proposed) {
        List<String> weakened = new ArrayList<>();
        List<WriteRule> before = current.writePolicy().rules();
        List<WriteRule> after = proposed.writePolicy().rules();
        Set<String> kindsAfter = kinds(after);
        for (String kind : kinds(before)) {
            if (!kindsAfter.contains(kind)) {
                weakened.add("The rule kind " + kind + " is removed.");
            }
        }
        protectedFields(before).forEach((path, editors) -> {
            Set<Role> now = protectedFields(after).get(path);
            if (now == null) {
                if (kindsAfter.contains("protected_fields")) {
                    weakened.add(path + " is no longer a protected field.");
                }
            } else if (now.stream().anyMatch(role -> editors.stream().noneMatch(role::includes))) {
                weakened.add(path + " becomes editable by a lower role (" + names(now) + " instead of "
                        + (editors.isEmpty() ? "nobody" : names(editors)) + ").");
            }
        });
        Set<String> guardedBefore = guardedActions(before);
        Set<String> guardedAfter = guardedActions(after);
        if (kindsAfter.contains("higher_role_required") && !guardedAfter.containsAll(guardedBefore)) {
            Set<String> dropped = new java.util.TreeSet<>(guardedBefore);
            dropped.removeAll(guardedAfter);
            weakened.add("higher_role_required no longer guards " + String.join(", ", dropped) + ".");
        }
        DepartmentSettings from = current.departments();
        DepartmentSettings to = proposed.departments();
        for (Department department : to.unrestricted()) {
            if (!from.unrestricted().contains(department)) {
                weakened.add("The department " + department.name() + " becomes unrestricted.");
            }
        }
        to.alsoManages().forEach((department, others) -> others.stream()
                .filter(other -> !from.alsoManages().getOrDefault(department, Set.of()).contains(other))
                .forEach(other -> weakened.add(department.name() + " now also manages " + other.name() + ".")));
        return weakened;
    }

    /** The document's name of a rule's kind: its record's name in snake case (ProtectedFields: protected_fields). */
    static String kind(WriteRule rule) {
        return rule.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Set<String> kinds(List<WriteRule> rules) {
        Set<String> kinds = new LinkedHashSet<>();
        rules.forEach(rule -> kinds.add(kind(rule)));
        return kinds;
    }

    private static Map<FieldPath, Set<Role>> protectedFields(List<WriteRule> rules) {
        Map<FieldPath, Set<Role>> fields = new LinkedHashMap<>();
        for (WriteRule rule : rules) {
            if (rule instanceof WriteRules.ProtectedFields protectedFields) {
                protectedFields.fields().forEach(field -> fields.merge(field.path(), field.editableBy(),
                        // Listed twice (two rules): the field is as protected as its weaker entry.
                        (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : lowest(a).compareTo(lowest(b)) <= 0 ? a : b));
            }
        }
        return fields;
    }

    private static Role lowest(Set<Role> roles) {
        return roles.stream().min(Enum::compareTo).orElseThrow();
    }

    private static Set<String> guardedActions(List<WriteRule> rules) {
        Set<String> actions = new LinkedHashSet<>();
        rules.stream().filter(GuardRules.HigherRoleRequired.class::isInstance)
                .map(GuardRules.HigherRoleRequired.class::cast)
                .forEach(rule -> actions.addAll(rule.actions()));
        return actions;
    }

    private static String names(Set<Role> roles) {
        return String.join(", ", roles.stream().sorted().map(Role::externalName).toList());
    }

    /** For callers that have no document in force yet: nothing can be weakened. */
    public static List<String> between(Optional<PolicyDocument> current, PolicyDocument proposed) {
        return current.map(document -> between(document, proposed)).orElse(List.of());
    }
}
