package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.login.LoginTemplate;
import dev.delegatedadmin.domain.policy.FieldPath;
import dev.delegatedadmin.domain.policy.GuardRules;
import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.policy.WriteRule;
import dev.delegatedadmin.domain.policy.WriteRules;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.shared.Json;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.User;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a policy document from a JSON-like tree, collecting every error with its path instead of stopping at
 * the first, so that an administrator fixes a document in one round.
 */
final class PolicyDocumentParser {

    static final Set<String> TOP_LEVEL = Set.of(
            "departments", "unrestricted_departments", "also_manages", "write_rules", "user_fields", "login_rules");
    static final Set<String> RULE_KINDS = new LinkedHashSet<>(List.of(
            "target_role_not_above_actor", "no_self_block", "membership_required", "actor_department_required",
            "memberships_within_scope", "department_from_first_membership", "protected_fields",
            "database_connection_only", "email_domains", "role_restricted_fields", "password_policy",
            "no_self_change", "no_self_delete", "higher_role_required"));
    private static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z0-9_]{1,64}$");
    private static final Pattern DOMAIN = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$");
    private static final int MAX_ITEMS = 200;

    private final List<PolicyError> errors = new ArrayList<>();
    private Set<Department> known = Set.of();

    PolicyDocument.Parsed parse(Object tree) {
        Map<String, Object> root = object(tree, "$", TOP_LEVEL);
        if (root == null) {
            return new PolicyDocument.Invalid(errors);
        }
        List<Department> departments = departments(root.get("departments"), "departments", true);
        known = new HashSet<>(departments);
        if (departments.isEmpty() && root.get("departments") instanceof List<?>) {
            error("departments", "At least one department is required.");
        }
        List<Department> unrestricted;
        if (root.containsKey("unrestricted_departments")) {
            unrestricted = departments(root.get("unrestricted_departments"), "unrestricted_departments", false);
        } else {
            unrestricted = List.of(new Department("IT"));
            if (!known.isEmpty() && !known.contains(unrestricted.getFirst())) {
                error("unrestricted_departments", "Defaults to [IT], which is not a known department: list them ([] for none).");
            }
        }
        Map<Department, Set<Department>> alsoManages = alsoManages(root.get("also_manages"));

        List<WriteRule> rules = new ArrayList<>();
        if (!root.containsKey("write_rules")) {
            error("write_rules", "Required (an empty list means no rules at all).");
        } else {
            List<Object> items = list(root.get("write_rules"), "write_rules");
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String path = "write_rules[" + i + "]";
                WriteRule rule = writeRule(items.get(i), path);
                if (rule != null && !ids.add(rule.id())) {
                    error(path + ".id", "Duplicate rule id \"" + rule.id() + "\".");
                }
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        List<UserField> userFields = userFields(root.get("user_fields"));
        List<LoginRule> loginRules = loginRules(root.get("login_rules"));

        if (!errors.isEmpty()) {
            return new PolicyDocument.Invalid(errors);
        }
        DepartmentSettings settings = new DepartmentSettings(known, Set.copyOf(unrestricted), alsoManages);
        return new PolicyDocument.Valid(new PolicyDocument(new WritePolicy(settings, rules), userFields, loginRules));
    }

    // --- departments

    private List<Department> departments(Object node, String path, boolean defining) {
        if (node == null) {
            if (defining) {
                error(path, "Required.");
            }
            return List.of();
        }
        List<Object> items = list(node, path);
        List<Department> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Department department = defining ? departmentName(items.get(i), path + "[" + i + "]")
                    : knownDepartment(items.get(i), path + "[" + i + "]");
            if (department != null) {
                if (result.contains(department)) {
                    error(path + "[" + i + "]", "Listed more than once.");
                } else {
                    result.add(department);
                }
            }
        }
        return result;
    }

    private Department departmentName(Object node, String path) {
        String name = string(node, path);
        if (name == null) {
            return null;
        }
        try {
            return new Department(name);
        } catch (InvalidValueException e) {
            error(path, e.getMessage());
            return null;
        }
    }

    private Department knownDepartment(Object node, String path) {
        Department department = departmentName(node, path);
        if (department != null && !known.contains(department)) {
            error(path, "Unknown department \"" + department.name() + "\".");
            return null;
        }
        return department;
    }

    private Map<Department, Set<Department>> alsoManages(Object node) {
        Map<Department, Set<Department>> result = new TreeMap<>();
        if (node == null) {
            return result;
        }
        Map<String, Object> map = object(node, "also_manages", null);
        if (map == null) {
            return result;
        }
        map.forEach((name, value) -> {
            String path = "also_manages." + name;
            Department department = knownDepartment(name, path);
            List<Department> others = departments(value, path, false);
            if (department != null) {
                result.put(department, Set.copyOf(others));
            }
        });
        return result;
    }

    // --- write rules

    private WriteRule writeRule(Object node, String path) {
        Map<String, Object> rule = object(node, path, null);
        if (rule == null) {
            return null;
        }
        String kind = string(rule.get("kind"), path + ".kind");
        if (kind == null) {
            if (!rule.containsKey("kind")) {
                error(path + ".kind", "Required.");
            }
            return null;
        }
        if (!RULE_KINDS.contains(kind)) {
            error(path + ".kind", "Unknown rule kind \"" + kind + "\"; one of " + String.join(", ", RULE_KINDS) + ".");
            return null;
        }
        Set<String> allowed = new HashSet<>(Set.of("kind", "id", "message"));
        allowed.addAll(switch (kind) {
            case "protected_fields" -> Set.of("fields");
            case "database_connection_only" -> Set.of("default_connection");
            case "email_domains" -> Set.of("domains", "by_department");
            case "role_restricted_fields" -> Set.of("roles", "fields");
            case "password_policy" -> Set.of("min_length", "require", "connections");
            case "higher_role_required" -> Set.of("actions");
            default -> Set.of();
        });
        if (kind.equals("department_from_first_membership") || kind.equals("protected_fields")) {
            allowed.remove("message");
        }
        unknownKeys(rule, path, allowed);
        String id = ruleId(rule, path, defaultId(kind));
        String message = kind.equals("department_from_first_membership") || kind.equals("protected_fields") ? null
                : message(rule.get("message"), path + ".message", defaultMessage(kind));
        int before = errors.size();
        WriteRule built = switch (kind) {
            case "target_role_not_above_actor" -> build(() -> new WriteRules.TargetRoleNotAboveActor(id, message), path);
            case "no_self_block" -> build(() -> new WriteRules.NoSelfBlock(id, message), path);
            case "no_self_change" -> build(() -> new GuardRules.NoSelfChange(id, message), path);
            case "no_self_delete" -> build(() -> new GuardRules.NoSelfDelete(id, message), path);
            case "higher_role_required" -> higherRoleRequired(rule, path, id, message);
            case "membership_required" -> build(() -> new WriteRules.MembershipRequired(id, message), path);
            case "actor_department_required" -> build(() -> new WriteRules.ActorDepartmentRequired(id, message), path);
            case "memberships_within_scope" -> build(() -> new WriteRules.MembershipsWithinScope(id, message), path);
            case "department_from_first_membership" -> build(() -> new WriteRules.DepartmentFromFirstMembership(id), path);
            case "protected_fields" -> protectedFields(rule, path, id);
            case "database_connection_only" -> {
                ConnectionName connection = connection(rule.get("default_connection"), path + ".default_connection");
                yield build(() -> new WriteRules.DatabaseConnectionOnly(id, message, connection), path);
            }
            case "email_domains" -> emailDomains(rule, path, id, message);
            case "role_restricted_fields" -> roleRestrictedFields(rule, path, id, message);
            case "password_policy" -> passwordPolicy(rule, path, id);
            default -> null;
        };
        return errors.size() > before || id == null ? null : built;
    }

    private static String defaultId(String kind) {
        return switch (kind) {
            case "target_role_not_above_actor" -> "higher-role-protected";
            case "no_self_block" -> "no-self-block";
            case "no_self_change" -> "no-self-change";
            case "no_self_delete" -> "no-self-delete";
            case "higher_role_required" -> "peer-protected";
            case "membership_required" -> "membership-required";
            case "actor_department_required" -> "actor-department-required";
            case "memberships_within_scope" -> "own-department-only";
            case "department_from_first_membership" -> "department-from-membership";
            case "protected_fields" -> "protected-field";
            case "database_connection_only" -> "database-connection";
            case "email_domains" -> "email-domain";
            case "role_restricted_fields" -> "role-restricted-field";
            default -> "password-policy";
        };
    }

    private static String defaultMessage(String kind) {
        return switch (kind) {
            case "target_role_not_above_actor" -> WritePolicy.HIGHER_ROLE_PROTECTED;
            case "no_self_block" -> WritePolicy.NO_SELF_BLOCK;
            case "no_self_change" -> WritePolicy.NO_SELF_CHANGE;
            case "no_self_delete" -> WritePolicy.NO_SELF_DELETE;
            case "higher_role_required" -> WritePolicy.PEER_PROTECTED;
            case "membership_required" -> WritePolicy.MEMBERSHIP_REQUIRED;
            case "actor_department_required" -> WritePolicy.ACTOR_DEPARTMENT_REQUIRED;
            case "memberships_within_scope" -> WritePolicy.OWN_DEPARTMENT_ONLY;
            case "database_connection_only" -> WritePolicy.DATABASE_CONNECTION_ONLY;
            case "email_domains" -> "The email address's domain is not allowed for this department.";
            case "role_restricted_fields" -> "Your role cannot change this field.";
            default -> null; // password_policy: described from its settings
        };
    }

    private String ruleId(Map<String, Object> rule, String path, String fallback) {
        if (!rule.containsKey("id")) {
            return fallback;
        }
        String id = string(rule.get("id"), path + ".id");
        if (id != null && !WriteRule.ID.matcher(id).matches()) {
            error(path + ".id", "A rule id is 1 to 64 lower-case letters, digits or dashes.");
            return null;
        }
        return id;
    }

    private String message(Object node, String path, String fallback) {
        if (node == null) {
            return fallback;
        }
        String message = string(node, path);
        if (message != null && (message.isBlank() || message.length() > 500)) {
            error(path, "A rule message is 1 to 500 characters.");
        }
        return message == null ? fallback : message;
    }

    private WriteRule build(java.util.function.Supplier<WriteRule> factory, String path) {
        try {
            return factory.get();
        } catch (InvalidValueException | NullPointerException e) {
            // Field-level problems are reported above; this only catches what slipped through.
            error(path, e.getMessage() == null ? "Invalid rule." : e.getMessage());
            return null;
        }
    }

    /** {@code actions} absent: all of them. */
    private WriteRule higherRoleRequired(Map<String, Object> rule, String path, String id, String message) {
        if (!rule.containsKey("actions")) {
            return build(() -> new GuardRules.HigherRoleRequired(id, message, GuardRules.HigherRoleRequired.ACTIONS), path);
        }
        List<Object> items = list(rule.get("actions"), path + ".actions");
        Set<String> actions = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String action = string(items.get(i), path + ".actions[" + i + "]");
            if (action != null && !GuardRules.HigherRoleRequired.ACTIONS.contains(action)) {
                error(path + ".actions[" + i + "]", "One of delete, email, password, blocked.");
            } else if (action != null) {
                actions.add(action);
            }
        }
        return build(() -> new GuardRules.HigherRoleRequired(id, message, actions), path);
    }

    private WriteRule protectedFields(Map<String, Object> rule, String path, String id) {
        List<Object> items = list(rule.get("fields"), path + ".fields");
        if (!rule.containsKey("fields")) {
            error(path + ".fields", "Required.");
        }
        List<WriteRules.ProtectedField> fields = new ArrayList<>();
        Set<FieldPath> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + ".fields[" + i + "]";
            Map<String, Object> field = object(items.get(i), itemPath, Set.of("path", "editable_by", "message"));
            if (field == null) {
                continue;
            }
            FieldPath fieldPath = fieldPath(field.get("path"), itemPath + ".path", true);
            Set<Role> editableBy = roles(field.get("editable_by"), itemPath + ".editable_by");
            String message = message(field.get("message"), itemPath + ".message",
                    fieldPath == null ? "" : defaultProtectedMessage(fieldPath, editableBy));
            if (fieldPath != null && !seen.add(fieldPath)) {
                error(itemPath + ".path", "Listed more than once.");
            } else if (fieldPath != null && message != null && !message.isBlank()) {
                fields.add(new WriteRules.ProtectedField(fieldPath, editableBy, message));
            }
        }
        return build(() -> new WriteRules.ProtectedFields(id, fields), path);
    }

    private static String defaultProtectedMessage(FieldPath path, Set<Role> editableBy) {
        if (path.equals(new FieldPath(dev.delegatedadmin.domain.policy.MetadataKind.APP_METADATA, User.DEPARTMENT_KEY))
                && editableBy.isEmpty()) {
            return WritePolicy.DEPARTMENT_PROTECTED;
        }
        if (path.equals(new FieldPath(dev.delegatedadmin.domain.policy.MetadataKind.APP_METADATA, User.ROLES_KEY))
                && editableBy.equals(Set.of(Role.ADMINISTRATOR))) {
            return WritePolicy.ROLES_PROTECTED;
        }
        if (editableBy.isEmpty()) {
            return path + " cannot be set or changed.";
        }
        return "Only " + String.join(" or ", editableBy.stream().sorted().map(Role::externalName).toList())
                + " can set or change " + path + ".";
    }

    private WriteRule emailDomains(Map<String, Object> rule, String path, String id, String message) {
        Set<String> everywhere = domains(rule.get("domains"), path + ".domains");
        Map<Department, Set<String>> byDepartment = new TreeMap<>();
        if (rule.get("by_department") != null) {
            Map<String, Object> map = object(rule.get("by_department"), path + ".by_department", null);
            if (map != null) {
                map.forEach((name, value) -> {
                    Department department = knownDepartment(name, path + ".by_department." + name);
                    Set<String> domains = domains(value, path + ".by_department." + name);
                    if (department != null) {
                        byDepartment.put(department, domains);
                    }
                });
            }
        }
        if (everywhere.isEmpty() && byDepartment.isEmpty() && !hasErrorsUnder(path)) {
            error(path, "Give domains, by_department or both.");
        }
        return build(() -> new WriteRules.EmailDomains(id, message, everywhere, byDepartment), path);
    }

    private Set<String> domains(Object node, String path) {
        Set<String> result = new LinkedHashSet<>();
        if (node == null) {
            return result;
        }
        List<Object> items = list(node, path);
        for (int i = 0; i < items.size(); i++) {
            String domain = string(items.get(i), path + "[" + i + "]");
            if (domain != null && (domain.length() > 253 || !DOMAIN.matcher(domain).matches())) {
                error(path + "[" + i + "]", "Not a domain name such as example.com.");
            } else if (domain != null) {
                result.add(domain.toLowerCase(Locale.ROOT));
            }
        }
        return result;
    }

    private WriteRule roleRestrictedFields(Map<String, Object> rule, String path, String id, String message) {
        Set<Role> roles = roles(rule.get("roles"), path + ".roles");
        if (roles.isEmpty() && !hasErrorsUnder(path + ".roles")) {
            error(path + ".roles", "At least one role is required.");
        }
        List<Object> items = list(rule.get("fields"), path + ".fields");
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + ".fields[" + i + "]";
            String field = string(items.get(i), itemPath);
            if (field == null) {
                continue;
            }
            if (!WriteRules.RoleRestrictedFields.TOP_LEVEL.contains(field) && fieldPath(field, itemPath, false) == null) {
                continue;
            }
            fields.add(field);
        }
        if (items.isEmpty() && !hasErrorsUnder(path + ".fields")) {
            error(path + ".fields", "At least one field is required.");
        }
        return build(() -> new WriteRules.RoleRestrictedFields(id, message, roles, fields), path);
    }

    private WriteRule passwordPolicy(Map<String, Object> rule, String path, String id) {
        Integer minLength = 8;
        if (rule.containsKey("min_length")) {
            minLength = integer(rule.get("min_length"), path + ".min_length");
            if (minLength != null && (minLength < 1 || minLength > 256)) {
                error(path + ".min_length", "Between 1 and 256.");
            }
        }
        Set<WriteRules.CharacterClass> require = EnumSet.noneOf(WriteRules.CharacterClass.class);
        List<Object> items = list(rule.get("require"), path + ".require");
        for (int i = 0; i < items.size(); i++) {
            WriteRules.CharacterClass characterClass = enumValue(items.get(i), path + ".require[" + i + "]",
                    WriteRules.CharacterClass.class);
            if (characterClass != null) {
                require.add(characterClass);
            }
        }
        Set<ConnectionName> connections = new HashSet<>();
        List<Object> connectionItems = list(rule.get("connections"), path + ".connections");
        for (int i = 0; i < connectionItems.size(); i++) {
            ConnectionName connection = connection(connectionItems.get(i), path + ".connections[" + i + "]");
            if (connection != null) {
                connections.add(connection);
            }
        }
        int length = minLength == null ? 8 : minLength;
        String message = message(rule.get("message"), path + ".message", WriteRules.PasswordPolicy.describe(length, require));
        return build(() -> new WriteRules.PasswordPolicy(id, message, length, require, connections), path);
    }

    // --- user fields

    private List<UserField> userFields(Object node) {
        List<UserField> result = new ArrayList<>();
        List<Object> items = list(node, "user_fields");
        Set<String> names = new HashSet<>();
        Set<FieldPath> locations = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "user_fields[" + i + "]";
            Map<String, Object> field = object(items.get(i), path,
                    Set.of("name", "location", "type", "required", "allowed_values", "pattern", "editable_on"));
            if (field == null) {
                continue;
            }
            int before = errors.size();
            String name = string(field.get("name"), path + ".name");
            if (name == null && field.get("name") == null) {
                error(path + ".name", "Required.");
            } else if (name != null && !FIELD_NAME.matcher(name).matches()) {
                error(path + ".name", "1 to 64 letters, digits or underscores.");
            } else if (name != null && !names.add(name)) {
                error(path + ".name", "Duplicate field name \"" + name + "\".");
            }
            FieldPath location = field.containsKey("location") ? fieldPath(field.get("location"), path + ".location", false)
                    : name == null || !FIELD_NAME.matcher(name).matches() ? null
                    : new FieldPath(dev.delegatedadmin.domain.policy.MetadataKind.USER_METADATA, name);
            if (location != null && location.kind() == dev.delegatedadmin.domain.policy.MetadataKind.APP_METADATA
                    && (location.key().equals(User.DEPARTMENT_KEY) || location.key().equals(User.ROLES_KEY))) {
                error(path + ".location", location + " is the policy's own field, not a custom field.");
            } else if (location != null && !locations.add(location)) {
                error(path + ".location", "Another field already lives at " + location + ".");
            }
            UserField.Type type = field.containsKey("type") ? enumValue(field.get("type"), path + ".type", UserField.Type.class)
                    : UserField.Type.STRING;
            boolean required = field.containsKey("required") && Boolean.TRUE.equals(bool(field.get("required"), path + ".required"));
            List<Object> allowedValues = new ArrayList<>();
            List<Object> rawAllowed = list(field.get("allowed_values"), path + ".allowed_values");
            for (int j = 0; j < rawAllowed.size(); j++) {
                Object value = rawAllowed.get(j);
                Object normalized = value instanceof String || value instanceof Number || value instanceof Boolean
                        ? Json.normalize(value) : null;
                if (normalized == null) {
                    error(path + ".allowed_values[" + j + "]", "Must be a string, number or boolean.");
                } else if (type != null && type != UserField.Type.ENUM && new UserField("x",
                        new FieldPath(dev.delegatedadmin.domain.policy.MetadataKind.USER_METADATA, "x"), type, false,
                        List.of(), Optional.empty(), Set.of()).problemWith(normalized).isPresent()) {
                    error(path + ".allowed_values[" + j + "]", "Does not have the field's type.");
                } else {
                    allowedValues.add(normalized);
                }
            }
            if (type == UserField.Type.ENUM && rawAllowed.isEmpty()) {
                error(path + ".allowed_values", "Required for an enum.");
            }
            Optional<Pattern> pattern = Optional.empty();
            if (field.get("pattern") != null) {
                String regex = string(field.get("pattern"), path + ".pattern");
                if (regex != null) {
                    if (type != UserField.Type.STRING) {
                        error(path + ".pattern", "Only a string field has a pattern.");
                    }
                    try {
                        pattern = Optional.of(Pattern.compile(regex));
                    } catch (PatternSyntaxException e) {
                        error(path + ".pattern", "Not a valid regular expression.");
                    }
                }
            }
            Set<UserField.Phase> editableOn = EnumSet.allOf(UserField.Phase.class);
            if (field.containsKey("editable_on")) {
                editableOn = EnumSet.noneOf(UserField.Phase.class);
                List<Object> phases = list(field.get("editable_on"), path + ".editable_on");
                for (int j = 0; j < phases.size(); j++) {
                    UserField.Phase phase = enumValue(phases.get(j), path + ".editable_on[" + j + "]", UserField.Phase.class);
                    if (phase != null) {
                        editableOn.add(phase);
                    }
                }
            }
            if (errors.size() == before) {
                result.add(new UserField(name, location, type, required, allowedValues, pattern, editableOn));
            }
        }
        return result;
    }

    // --- login rules

    private List<LoginRule> loginRules(Object node) {
        List<LoginRule> result = new ArrayList<>();
        List<Object> items = list(node, "login_rules");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "login_rules[" + i + "]";
            Map<String, Object> rule = object(items.get(i), path,
                    Set.of("id", "when", "assign_organization", "assign_roles", "set_app_metadata"));
            if (rule == null) {
                continue;
            }
            int before = errors.size();
            String id = string(rule.get("id"), path + ".id");
            if (id == null && rule.get("id") == null) {
                error(path + ".id", "Required.");
            } else if (id != null && !WriteRule.ID.matcher(id).matches()) {
                error(path + ".id", "A rule id is 1 to 64 lower-case letters, digits or dashes.");
            } else if (id != null && !ids.add(id)) {
                error(path + ".id", "Duplicate rule id \"" + id + "\".");
            }
            LoginRule.Condition when = condition(rule.get("when"), path + ".when");
            List<String> actions = rule.keySet().stream()
                    .filter(k -> k.equals("assign_organization") || k.equals("assign_roles") || k.equals("set_app_metadata"))
                    .toList();
            LoginRule.Action action = null;
            if (actions.size() != 1) {
                error(path, "Exactly one of assign_organization, assign_roles, set_app_metadata.");
            } else {
                String actionPath = path + "." + actions.getFirst();
                Object value = rule.get(actions.getFirst());
                action = switch (actions.getFirst()) {
                    case "assign_organization" -> {
                        Map<String, Object> org = object(value, actionPath, Set.of("organization_id"));
                        String orgId = org == null ? null : string(org.get("organization_id"), actionPath + ".organization_id");
                        if (orgId != null && (orgId.isBlank() || orgId.length() > 128)) {
                            error(actionPath + ".organization_id", "1 to 128 characters.");
                        }
                        yield orgId == null ? null : new LoginRule.AssignOrganization(orgId);
                    }
                    case "assign_roles" -> {
                        List<Object> roles = list(value, actionPath);
                        List<String> names = new ArrayList<>();
                        for (int j = 0; j < roles.size(); j++) {
                            String role = string(roles.get(j), actionPath + "[" + j + "]");
                            if (role != null && (role.isBlank() || role.length() > 128)) {
                                error(actionPath + "[" + j + "]", "1 to 128 characters.");
                            } else if (role != null) {
                                names.add(role);
                            }
                        }
                        if (roles.isEmpty() && value instanceof List<?>) {
                            error(actionPath, "At least one role is required.");
                        }
                        yield new LoginRule.AssignRoles(names);
                    }
                    default -> {
                        Map<String, Object> values = object(value, actionPath, null);
                        Map<String, Object> copy = new LinkedHashMap<>();
                        if (values != null) {
                            if (values.isEmpty()) {
                                error(actionPath, "At least one key is required.");
                            }
                            values.forEach((key, v) -> {
                                if (key.equals(User.DEPARTMENT_KEY) || key.equals(User.ROLES_KEY)) {
                                    // A login must not move a user or grant this product's roles.
                                    error(actionPath + "." + key, "A login rule cannot set app_metadata." + key + ".");
                                } else if (v == null) {
                                    error(actionPath + "." + key, "Must not be null.");
                                } else if (v instanceof String text && !LoginTemplate.problems(text).isEmpty()) {
                                    LoginTemplate.problems(text).forEach(p -> error(actionPath + "." + key, p));
                                } else {
                                    try {
                                        copy.put(key, Json.normalize(v));
                                    } catch (InvalidValueException e) {
                                        error(actionPath + "." + key, e.getMessage());
                                    }
                                }
                            });
                        }
                        yield new LoginRule.SetAppMetadata(copy);
                    }
                };
            }
            if (errors.size() == before && action != null) {
                result.add(new LoginRule(id, when, action));
            }
        }
        return result;
    }

    private LoginRule.Condition condition(Object node, String path) {
        if (node == null) {
            return LoginRule.Condition.ALWAYS;
        }
        Map<String, Object> when = object(node, path, Set.of("first_login", "connections", "connection_strategies",
                "departments"));
        if (when == null) {
            return LoginRule.Condition.ALWAYS;
        }
        Optional<Boolean> firstLogin = when.containsKey("first_login")
                ? Optional.ofNullable(bool(when.get("first_login"), path + ".first_login")) : Optional.empty();
        Set<String> connections = new HashSet<>();
        List<Object> items = list(when.get("connections"), path + ".connections");
        for (int i = 0; i < items.size(); i++) {
            ConnectionName connection = connection(items.get(i), path + ".connections[" + i + "]");
            if (connection != null) {
                connections.add(connection.value());
            }
        }
        Set<String> strategies = new HashSet<>();
        List<Object> strategyItems = list(when.get("connection_strategies"), path + ".connection_strategies");
        for (int i = 0; i < strategyItems.size(); i++) {
            String strategy = string(strategyItems.get(i), path + ".connection_strategies[" + i + "]");
            if (strategy != null && (strategy.isBlank() || strategy.length() > 64)) {
                error(path + ".connection_strategies[" + i + "]", "1 to 64 characters.");
            } else if (strategy != null) {
                strategies.add(strategy);
            }
        }
        List<Department> departments = departments(when.get("departments"), path + ".departments", false);
        return new LoginRule.Condition(firstLogin, connections, strategies, Set.copyOf(departments));
    }

    // --- primitives

    private Map<String, Object> object(Object node, String path, Set<String> allowed) {
        if (!(node instanceof Map<?, ?> map)) {
            error(path, node == null ? "Required." : "Must be an object.");
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key instanceof String name) {
                result.put(name, value);
            } else {
                error(path, "Keys must be strings.");
            }
        });
        if (allowed != null) {
            unknownKeys(result, path, allowed);
        }
        return result;
    }

    private void unknownKeys(Map<String, Object> map, String path, Set<String> allowed) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                error(child(path, key), "Unknown key.");
            }
        }
    }

    private static String child(String path, String key) {
        return path.equals("$") ? key : path + "." + key;
    }

    /** A list, or empty (with an error) when the node is something else; absent is empty. */
    private List<Object> list(Object node, String path) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            error(path, "Must be a list.");
            return List.of();
        }
        if (list.size() > MAX_ITEMS) {
            error(path, "At most " + MAX_ITEMS + " items.");
            return List.of();
        }
        return new ArrayList<>(list);
    }

    private String string(Object node, String path) {
        if (node instanceof String s) {
            return s;
        }
        error(path, node == null ? "Required." : "Must be a string.");
        return null;
    }

    private Boolean bool(Object node, String path) {
        if (node instanceof Boolean b) {
            return b;
        }
        error(path, "Must be true or false.");
        return null;
    }

    private Integer integer(Object node, String path) {
        if (node instanceof Number n && Json.normalize(n) instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        error(path, "Must be an integer.");
        return null;
    }

    private <E extends Enum<E>> E enumValue(Object node, String path, Class<E> type) {
        String name = string(node, path);
        if (name == null) {
            return null;
        }
        Function<E, String> external = e -> e.name().toLowerCase(Locale.ROOT);
        Optional<E> match = Arrays.stream(type.getEnumConstants()).filter(e -> external.apply(e).equals(name)).findFirst();
        if (match.isEmpty()) {
            error(path, "Must be one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(external).toList()) + ".");
        }
        return match.orElse(null);
    }

    private Set<Role> roles(Object node, String path) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<Object> items = list(node, path);
        for (int i = 0; i < items.size(); i++) {
            String name = string(items.get(i), path + "[" + i + "]");
            if (name == null) {
                continue;
            }
            Optional<Role> role = Role.fromExternalName(name);
            if (role.isEmpty()) {
                error(path + "[" + i + "]", "Unknown role \"" + name + "\"; one of "
                        + String.join(", ", Arrays.stream(Role.values()).map(Role::externalName).toList()) + ".");
            } else {
                roles.add(role.get());
            }
        }
        return roles;
    }

    private FieldPath fieldPath(Object node, String path, boolean required) {
        if (node == null && !required) {
            error(path, "Required.");
            return null;
        }
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        try {
            return FieldPath.parse(text);
        } catch (InvalidValueException e) {
            error(path, e.getMessage());
            return null;
        }
    }

    private ConnectionName connection(Object node, String path) {
        if (node == null) {
            return ConnectionName.DEFAULT_DATABASE;
        }
        String name = string(node, path);
        if (name == null) {
            return null;
        }
        try {
            return new ConnectionName(name);
        } catch (InvalidValueException e) {
            error(path, e.getMessage());
            return null;
        }
    }

    private boolean hasErrorsUnder(String path) {
        return errors.stream().anyMatch(e -> e.path().startsWith(path));
    }

    private void error(String path, String message) {
        errors.add(new PolicyError(path, message));
    }
}
