package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.policy.WriteRule;
import dev.delegatedadmin.domain.shared.TreeReader;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a policy document from a JSON-like tree, collecting every error with its path instead of stopping at
 * the first, so that an administrator fixes a document in one round. The departments come first (every other
 * part refers to them); then the write rules ({@link WriteRuleReader}), user fields ({@link UserFieldReader})
 * and login rules ({@link LoginRuleReader}).
 */
final class PolicyDocumentParser {

    static final Set<String> TOP_LEVEL = Set.of(
            "departments", "unrestricted_departments", "also_manages", "write_rules", "user_fields", "login_rules");

    private final DocumentReader reader = new DocumentReader();

    PolicyDocument.Parsed parse(Object tree) {
        Map<String, Object> root = reader.object(tree, TreeReader.ROOT, TOP_LEVEL);
        if (root == null) {
            return new PolicyDocument.Invalid(reader.errors());
        }
        List<Department> departments = reader.departments(root.get("departments"), "departments", true);
        reader.know(new HashSet<>(departments));
        if (departments.isEmpty() && root.get("departments") instanceof List<?>) {
            reader.error("departments", "At least one department is required.");
        }
        List<Department> unrestricted = unrestricted(root);
        Map<Department, Set<Department>> alsoManages = alsoManages(root.get("also_manages"));
        List<WriteRule> rules = new WriteRuleReader(reader).rules(root);
        List<UserField> userFields = new UserFieldReader(reader).fields(root.get("user_fields"));
        List<LoginRule> loginRules = new LoginRuleReader(reader).rules(root.get("login_rules"));

        if (reader.count() > 0) {
            return new PolicyDocument.Invalid(reader.errors());
        }
        DepartmentSettings settings = new DepartmentSettings(reader.known(), Set.copyOf(unrestricted), alsoManages);
        return new PolicyDocument.Valid(new PolicyDocument(new WritePolicy(settings, rules), userFields, loginRules));
    }

    /** Absent: {@code [IT]}, which must then be a known department. */
    private List<Department> unrestricted(Map<String, Object> root) {
        if (root.containsKey("unrestricted_departments")) {
            return reader.departments(root.get("unrestricted_departments"), "unrestricted_departments", false);
        }
        List<Department> unrestricted = List.of(new Department("IT"));
        if (!reader.known().isEmpty() && !reader.known().contains(unrestricted.getFirst())) {
            reader.error("unrestricted_departments",
                    "Defaults to [IT], which is not a known department: list them ([] for none).");
        }
        return unrestricted;
    }

    private Map<Department, Set<Department>> alsoManages(Object node) {
        Map<Department, Set<Department>> result = new TreeMap<>();
        Map<String, Object> map = node == null ? null : reader.object(node, "also_manages");
        if (map == null) {
            return result;
        }
        map.forEach((name, value) -> {
            String path = "also_manages." + name;
            Department department = reader.knownDepartment(name, path);
            List<Department> others = reader.departments(value, path, false);
            if (department != null) {
                result.put(department, Set.copyOf(others));
            }
        });
        return result;
    }
}
