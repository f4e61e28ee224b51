package dev.delegatedadmin.domain.policy.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyWeakeningTest {

    private static PolicyDocument document(Map<String, Object> tree) {
        return PolicyDocumentTest.valid(tree);
    }

    private static Map<String, Object> shipped() {
        return new LinkedHashMap<>(PolicyDocumentTest.shippedDefaultTree());
    }

    @Test
    void the_same_or_a_stricter_document_weakens_nothing() {
        PolicyDocument current = document(shipped());
        assertThat(PolicyWeakening.between(current, document(shipped()))).isEmpty();
        Map<String, Object> stricter = shipped();
        stricter.put("unrestricted_departments", List.of());
        assertThat(PolicyWeakening.between(current, document(stricter))).isEmpty();
    }

    @Test
    void removing_every_rule_lists_each_kind() {
        Map<String, Object> none = shipped();
        none.put("write_rules", List.of());
        assertThat(PolicyWeakening.between(document(shipped()), document(none)))
                .contains("The rule kind no_self_change is removed.", "The rule kind higher_role_required is removed.",
                        "The rule kind protected_fields is removed.")
                .hasSize(11);
    }

    @Test
    void a_field_editable_by_a_lower_role_fewer_guarded_actions_and_a_wider_scope_are_weaker() {
        Map<String, Object> weaker = shipped();
        List<Object> rules = new ArrayList<>();
        for (Object rule : (List<?>) weaker.get("write_rules")) {
            Map<?, ?> map = (Map<?, ?>) rule;
            if ("protected_fields".equals(map.get("kind"))) {
                rules.add(Map.of("kind", "protected_fields", "fields", List.of(
                        Map.of("path", "app_metadata.roles", "editable_by", List.of("operator")))));
            } else if ("higher_role_required".equals(map.get("kind"))) {
                rules.add(Map.of("kind", "higher_role_required", "actions", List.of("delete")));
            } else {
                rules.add(rule);
            }
        }
        weaker.put("write_rules", rules);
        weaker.put("unrestricted_departments", List.of("IT", "HR"));
        weaker.put("also_manages", Map.of("HR", List.of("Finance")));

        assertThat(PolicyWeakening.between(document(shipped()), document(weaker))).containsExactlyInAnyOrder(
                "app_metadata.department is no longer a protected field.",
                "app_metadata.roles becomes editable by a lower role (operator instead of administrator).",
                "higher_role_required no longer guards blocked, email, password.",
                "The department HR becomes unrestricted.",
                "HR now also manages Finance.");
    }
}
