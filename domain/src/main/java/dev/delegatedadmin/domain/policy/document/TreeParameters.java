package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.FieldPath;
import dev.delegatedadmin.domain.policy.RuleKind;
import dev.delegatedadmin.domain.policy.RuleParameters;
import dev.delegatedadmin.domain.policy.WriteRules;
import dev.delegatedadmin.domain.shared.TreeReader;
import dev.delegatedadmin.domain.user.ConnectionName;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** One write rule's parameters, read from its object in the document tree. */
final class TreeParameters implements RuleParameters {

    private static final Pattern DOMAIN =
            Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$");

    private final DocumentReader reader;
    private final Map<String, Object> rule;
    private final String path;
    private final String id;
    private final String message;

    /** Reads the id and, for a kind with a fixed default, the message at once: their errors come first. */
    TreeParameters(DocumentReader reader, RuleKind kind, Map<String, Object> rule, String path) {
        this.reader = reader;
        this.rule = rule;
        this.path = path;
        this.id = reader.ruleId(rule, path, kind.defaultId());
        this.message = kind.takesMessage() && kind.defaultMessage().isPresent()
                ? reader.message(rule.get("message"), at("message"), kind.defaultMessage().get()) : null;
    }

    private String at(String key) {
        return path + "." + key;
    }

    /** {@code null} when the given id is invalid (reported). */
    @Override
    public String id() {
        return id;
    }

    @Override
    public String message() {
        return message;
    }

    @Override
    public String message(String fallback) {
        return reader.message(rule.get("message"), at("message"), fallback);
    }

    @Override
    public boolean has(String key) {
        return rule.containsKey(key);
    }

    @Override
    public int integer(String key, int fallback, int min, int max) {
        if (!rule.containsKey(key)) {
            return fallback;
        }
        Integer value = reader.integer(rule.get(key), at(key));
        if (value != null && (value < min || value > max)) {
            reader.error(at(key), "Between " + min + " and " + max + ".");
        }
        return value == null ? fallback : value;
    }

    @Override
    public ConnectionName connection(String key) {
        return reader.connection(rule.get(key), at(key));
    }

    @Override
    public Set<ConnectionName> connections(String key) {
        Set<ConnectionName> connections = new HashSet<>();
        List<Object> items = reader.list(rule.get(key), at(key));
        for (int i = 0; i < items.size(); i++) {
            ConnectionName connection = reader.connection(items.get(i), TreeReader.item(at(key), i));
            if (connection != null) {
                connections.add(connection);
            }
        }
        return connections;
    }

    @Override
    public Set<Role> roles(String key) {
        return reader.roles(rule.get(key), at(key));
    }

    @Override
    public Set<String> domains(String key) {
        return domains(rule.get(key), at(key));
    }

    private Set<String> domains(Object node, String domainsPath) {
        Set<String> result = new LinkedHashSet<>();
        List<Object> items = reader.list(node, domainsPath);
        for (int i = 0; i < items.size(); i++) {
            String itemPath = TreeReader.item(domainsPath, i);
            String domain = reader.string(items.get(i), itemPath);
            if (domain != null && (domain.length() > 253 || !DOMAIN.matcher(domain).matches())) {
                reader.error(itemPath, "Not a domain name such as example.com.");
            } else if (domain != null) {
                result.add(domain.toLowerCase(Locale.ROOT));
            }
        }
        return result;
    }

    @Override
    public Map<Department, Set<String>> domainsByDepartment(String key) {
        Map<Department, Set<String>> result = new TreeMap<>();
        if (rule.get(key) == null) {
            return result;
        }
        Map<String, Object> map = reader.object(rule.get(key), at(key));
        if (map != null) {
            map.forEach((name, value) -> {
                String departmentPath = at(key) + "." + name;
                Department department = reader.knownDepartment(name, departmentPath);
                Set<String> domains = domains(value, departmentPath);
                if (department != null) {
                    result.put(department, domains);
                }
            });
        }
        return result;
    }

    @Override
    public List<String> fields(String key) {
        List<Object> items = reader.list(rule.get(key), at(key));
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = TreeReader.item(at(key), i);
            String field = reader.string(items.get(i), itemPath);
            if (field != null && (WriteRules.RoleRestrictedFields.TOP_LEVEL.contains(field)
                    || reader.fieldPath(field, itemPath) != null)) {
                fields.add(field);
            }
        }
        return fields;
    }

    @Override
    public List<WriteRules.ProtectedField> protectedFields(String key) {
        List<Object> items = reader.list(rule.get(key), at(key));
        if (!rule.containsKey(key)) {
            reader.error(at(key), "Required.");
        }
        List<WriteRules.ProtectedField> fields = new ArrayList<>();
        Set<FieldPath> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = TreeReader.item(at(key), i);
            Map<String, Object> field = reader.object(items.get(i), itemPath, Set.of("path", "editable_by", "message"));
            if (field == null) {
                continue;
            }
            FieldPath fieldPath = reader.fieldPath(field.get("path"), itemPath + ".path");
            Set<Role> editableBy = reader.roles(field.get("editable_by"), itemPath + ".editable_by");
            String fieldMessage = reader.message(field.get("message"), itemPath + ".message",
                    fieldPath == null ? "" : WriteRules.ProtectedField.defaultMessage(fieldPath, editableBy));
            if (fieldPath != null && !seen.add(fieldPath)) {
                reader.error(itemPath + ".path", "Listed more than once.");
            } else if (fieldPath != null && fieldMessage != null && !fieldMessage.isBlank()) {
                fields.add(new WriteRules.ProtectedField(fieldPath, editableBy, fieldMessage));
            }
        }
        return fields;
    }

    @Override
    public Set<String> choices(String key, Set<String> allowed, String problem) {
        List<Object> items = reader.list(rule.get(key), at(key));
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = TreeReader.item(at(key), i);
            String choice = reader.string(items.get(i), itemPath);
            if (choice != null && !allowed.contains(choice)) {
                reader.error(itemPath, problem);
            } else if (choice != null) {
                chosen.add(choice);
            }
        }
        return chosen;
    }

    @Override
    public <E extends Enum<E>> Set<E> enumValues(String key, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        List<Object> items = reader.list(rule.get(key), at(key));
        for (int i = 0; i < items.size(); i++) {
            E value = reader.enumValue(items.get(i), TreeReader.item(at(key), i), type);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    @Override
    public void require(String key, boolean given, String problem) {
        String keyPath = key == null ? path : at(key);
        if (!given && !reader.hasErrorsUnder(keyPath)) {
            reader.error(keyPath, problem);
        }
    }
}
