package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.user.ConnectionName;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link RuleKind} reads from one rule's configuration, by key. Each read checks its value and reports a
 * problem at the key's path itself; a value that fails is left out (or its default is used), and a rule with any
 * problem is never built. The policy document implements it over its tree.
 */
public interface RuleParameters {

    /** The rule's id: given, or the kind's default. */
    String id();

    /** The rule's message: given, or the kind's default. */
    String message();

    /** The given message, or {@code fallback} (for a kind whose default depends on its other parameters). */
    String message(String fallback);

    boolean has(String key);

    /** Absent: {@code fallback}; else an integer in [min, max]. */
    int integer(String key, int fallback, int min, int max);

    /** Absent: the default database connection. */
    ConnectionName connection(String key);

    Set<ConnectionName> connections(String key);

    Set<Role> roles(String key);

    /** Lower-cased domain names. */
    Set<String> domains(String key);

    /** Known departments to lower-cased domain names. */
    Map<Department, Set<String>> domainsByDepartment(String key);

    /** {@code email}, {@code password}, {@code blocked} or a metadata path. */
    List<String> fields(String key);

    /** Required: {@code [{path, editable_by, message?}]}. */
    List<WriteRules.ProtectedField> protectedFields(String key);

    /** Each item one of {@code allowed}, else {@code problem}. */
    Set<String> choices(String key, Set<String> allowed, String problem);

    <E extends Enum<E>> Set<E> enumValues(String key, Class<E> type);

    /**
     * Reports {@code problem} at {@code key} (the rule itself when {@code null}) unless {@code given} or a problem
     * is reported there already (then the first one says enough).
     */
    void require(String key, boolean given, String problem);
}
