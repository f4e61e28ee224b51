package dev.delegatedadmin.application.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Policy documents as trees, as a YAML or JSON parser hands them over. */
public final class PolicyTrees {

    private PolicyTrees() {
    }

    /** SPEC section 3 over Finance, HR, IT and Sales, relying on the kinds' default ids and messages. */
    public static Map<String, Object> shippedDefault() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("departments", List.of("Finance", "HR", "IT", "Sales"));
        doc.put("unrestricted_departments", List.of("IT"));
        doc.put("write_rules", List.of(
                Map.of("kind", "target_role_not_above_actor"),
                Map.of("kind", "no_self_block"),
                Map.of("kind", "membership_required"),
                Map.of("kind", "actor_department_required"),
                Map.of("kind", "memberships_within_scope"),
                Map.of("kind", "department_from_first_membership"),
                Map.of("kind", "protected_fields", "fields", List.of(
                        Map.of("path", "app_metadata.department", "editable_by", List.of()),
                        Map.of("path", "app_metadata.roles", "editable_by", List.of("administrator")))),
                Map.of("kind", "database_connection_only")));
        return doc;
    }

    /** The default with {@code key} set to {@code value}. */
    public static Map<String, Object> with(String key, Object value) {
        Map<String, Object> doc = shippedDefault();
        doc.put(key, value);
        return doc;
    }

    /** The default with extra write rules after the shipped ones. */
    @SafeVarargs
    public static Map<String, Object> withRules(Map<String, Object>... rules) {
        List<Object> all = new ArrayList<>((List<?>) shippedDefault().get("write_rules"));
        all.addAll(List.of(rules));
        return with("write_rules", all);
    }
}
