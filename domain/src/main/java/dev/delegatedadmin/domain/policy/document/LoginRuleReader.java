package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.login.LoginTemplate;
import dev.delegatedadmin.domain.policy.WriteRule;
import dev.delegatedadmin.domain.shared.Json;
import dev.delegatedadmin.domain.shared.TreeReader;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code login_rules}: an id, an optional {@code when} and exactly one action each. */
final class LoginRuleReader {

    private static final List<String> ACTIONS = List.of("assign_organization", "assign_roles", "set_app_metadata");
    private static final Set<String> KEYS = Set.of("id", "when", "assign_organization", "assign_roles",
            "set_app_metadata");
    private static final Set<String> CONDITIONS = Set.of("first_login", "connections", "connection_strategies",
            "departments");

    private final DocumentReader reader;
    private final Set<String> ids = new HashSet<>();

    LoginRuleReader(DocumentReader reader) {
        this.reader = reader;
    }

    List<LoginRule> rules(Object node) {
        List<LoginRule> result = new ArrayList<>();
        List<Object> items = reader.list(node, "login_rules");
        for (int i = 0; i < items.size(); i++) {
            String path = TreeReader.item("login_rules", i);
            Map<String, Object> rule = reader.object(items.get(i), path, KEYS);
            if (rule == null) {
                continue;
            }
            int before = reader.count();
            String id = id(rule.get("id"), path + ".id");
            LoginRule.Condition when = condition(rule.get("when"), path + ".when");
            LoginRule.Action action = action(rule, path);
            if (reader.count() == before && action != null) {
                result.add(new LoginRule(id, when, action));
            }
        }
        return result;
    }

    private String id(Object node, String path) {
        String id = reader.string(node, path);
        if (id != null && !WriteRule.ID.matcher(id).matches()) {
            reader.error(path, "A rule id is 1 to 64 lower-case letters, digits or dashes.");
        } else if (id != null && !ids.add(id)) {
            reader.error(path, "Duplicate rule id \"" + id + "\".");
        }
        return id;
    }

    private LoginRule.Action action(Map<String, Object> rule, String path) {
        List<String> given = rule.keySet().stream().filter(ACTIONS::contains).toList();
        if (given.size() != 1) {
            reader.error(path, "Exactly one of assign_organization, assign_roles, set_app_metadata.");
            return null;
        }
        String actionPath = path + "." + given.getFirst();
        Object value = rule.get(given.getFirst());
        return switch (given.getFirst()) {
            case "assign_organization" -> assignOrganization(value, actionPath);
            case "assign_roles" -> assignRoles(value, actionPath);
            default -> setAppMetadata(value, actionPath);
        };
    }

    private LoginRule.Action assignOrganization(Object value, String path) {
        Map<String, Object> organization = reader.object(value, path, Set.of("organization_id"));
        String id = organization == null ? null : reader.string(organization.get("organization_id"),
                path + ".organization_id");
        if (id != null && (id.isBlank() || id.length() > 128)) {
            reader.error(path + ".organization_id", "1 to 128 characters.");
        }
        return id == null ? null : new LoginRule.AssignOrganization(id);
    }

    private LoginRule.Action assignRoles(Object value, String path) {
        List<String> names = texts(value, path, 128);
        if (value instanceof List<?> roles && roles.isEmpty()) {
            reader.error(path, "At least one role is required.");
        }
        return new LoginRule.AssignRoles(names);
    }

    /** A list of strings of 1 to {@code max} characters; the others are reported and left out. */
    private List<String> texts(Object node, String path, int max) {
        List<Object> items = reader.list(node, path);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String text = reader.string(items.get(i), TreeReader.item(path, i));
            if (text != null && (text.isBlank() || text.length() > max)) {
                reader.error(TreeReader.item(path, i), "1 to " + max + " characters.");
            } else if (text != null) {
                texts.add(text);
            }
        }
        return texts;
    }

    private LoginRule.Action setAppMetadata(Object value, String path) {
        Map<String, Object> values = reader.object(value, path);
        Map<String, Object> copy = new LinkedHashMap<>();
        if (values != null && values.isEmpty()) {
            reader.error(path, "At least one key is required.");
        }
        if (values != null) {
            values.forEach((key, v) -> {
                String keyPath = path + "." + key;
                if (key.equals(User.DEPARTMENT_KEY) || key.equals(User.ROLES_KEY)) {
                    // A login must not move a user or grant this product's roles.
                    reader.error(keyPath, "A login rule cannot set app_metadata." + key + ".");
                } else if (v == null) {
                    reader.error(keyPath, "Must not be null.");
                } else if (v instanceof String text && !LoginTemplate.problems(text).isEmpty()) {
                    LoginTemplate.problems(text).forEach(p -> reader.error(keyPath, p));
                } else {
                    Object normalized = reader.value(keyPath, () -> Json.normalize(v));
                    if (normalized != null) {
                        copy.put(key, normalized);
                    }
                }
            });
        }
        return new LoginRule.SetAppMetadata(copy);
    }

    private LoginRule.Condition condition(Object node, String path) {
        if (node == null) {
            return LoginRule.Condition.ALWAYS;
        }
        Map<String, Object> when = reader.object(node, path, CONDITIONS);
        if (when == null) {
            return LoginRule.Condition.ALWAYS;
        }
        Optional<Boolean> firstLogin = when.containsKey("first_login")
                ? Optional.ofNullable(reader.bool(when.get("first_login"), path + ".first_login")) : Optional.empty();
        Set<String> connections = new HashSet<>();
        List<Object> items = reader.list(when.get("connections"), path + ".connections");
        for (int i = 0; i < items.size(); i++) {
            ConnectionName connection = reader.connection(items.get(i), TreeReader.item(path + ".connections", i));
            if (connection != null) {
                connections.add(connection.value());
            }
        }
        Set<String> strategies = new HashSet<>(texts(when.get("connection_strategies"), path + ".connection_strategies", 64));
        List<Department> departments = reader.departments(when.get("departments"), path + ".departments", false);
        return new LoginRule.Condition(firstLogin, connections, strategies, Set.copyOf(departments));
    }
}
