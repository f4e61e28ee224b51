package dev.delegatedadmin.domain.policy.document;

import static dev.delegatedadmin.domain.policy.document.PolicyDocumentTest.FINANCE;
import static dev.delegatedadmin.domain.policy.document.PolicyDocumentTest.KELLY;
import static dev.delegatedadmin.domain.policy.document.PolicyDocumentTest.actor;
import static dev.delegatedadmin.domain.policy.document.PolicyDocumentTest.shippedDefaultTree;
import static dev.delegatedadmin.domain.policy.document.PolicyDocumentTest.storedWithApp;
import static dev.delegatedadmin.domain.policy.document.PolicyDocumentTest.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.policy.PolicyDecision;
import dev.delegatedadmin.domain.policy.WriteContext;
import dev.delegatedadmin.domain.policy.WriteMethod;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.user.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A delete is judged by the document's rules (WriteMethod.DELETE): renaming or removing one changes deletes too. */
class DeleteThroughDocumentTest {

    private static final User KELLY_HERSELF = storedWithApp("kelly", Map.of("department", "Finance",
            "roles", List.of("user-admin")));
    private static final User OPERATOR = storedWithApp("olga", Map.of("department", "Finance",
            "roles", List.of("operator")));

    private static PolicyDecision delete(PolicyDocument doc, Actor actor, User target) {
        return doc.writePolicy().evaluate(new WriteContext(WriteMethod.DELETE, actor, Scope.of(actor, doc.departments()),
                WritePayload.empty(), Optional.of(target), c -> true));
    }

    /** The shipped tree with each rule of {@code kind} replaced ({@code null}: removed). */
    private static PolicyDocument changing(String kind, UnaryOperator<Map<String, Object>> change) {
        Map<String, Object> tree = new LinkedHashMap<>(shippedDefaultTree());
        List<Object> rules = new ArrayList<>();
        for (Object rule : (List<?>) tree.get("write_rules")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) rule;
            Map<String, Object> changed = kind.equals(map.get("kind")) ? change.apply(new LinkedHashMap<>(map)) : map;
            if (changed != null) {
                rules.add(changed);
            }
        }
        tree.put("write_rules", rules);
        return valid(tree);
    }

    private static UnaryOperator<Map<String, Object>> renamed(String id, String message) {
        return rule -> {
            rule.put("id", id);
            rule.put("message", message);
            return rule;
        };
    }

    @Test
    void the_shipped_rules_deny_a_self_delete_and_a_delete_of_a_higher_role() {
        PolicyDocument doc = valid(shippedDefaultTree());
        assertThat(delete(doc, KELLY, KELLY_HERSELF))
                .isEqualTo(new PolicyDecision.Denied("no-self-delete", WritePolicy.NO_SELF_DELETE));
        assertThat(delete(doc, KELLY, OPERATOR))
                .isEqualTo(new PolicyDecision.Denied("higher-role-protected", WritePolicy.HIGHER_ROLE_PROTECTED));
    }

    @Test
    void a_renamed_rule_denies_deletes_under_its_new_id_and_message() {
        assertThat(delete(changing("no_self_delete", renamed("keep-yourself", "Stay.")), KELLY, KELLY_HERSELF))
                .isEqualTo(new PolicyDecision.Denied("keep-yourself", "Stay."));
        assertThat(delete(changing("target_role_not_above_actor", renamed("rank", "Rank.")), KELLY, OPERATOR))
                .isEqualTo(new PolicyDecision.Denied("rank", "Rank."));
    }

    @Test
    void a_removed_rule_no_longer_denies_deletes() {
        assertThat(delete(changing("no_self_delete", rule -> null), KELLY, KELLY_HERSELF))
                .isInstanceOf(PolicyDecision.Allowed.class);
        PolicyDocument withoutRank = changing("target_role_not_above_actor", rule -> null);
        // The peer rule still guards deletes of a higher role ...
        assertThat(delete(withoutRank, KELLY, OPERATOR))
                .isEqualTo(new PolicyDecision.Denied("peer-protected", WritePolicy.PEER_PROTECTED));
        // ... until its delete action is dropped too.
        PolicyDocument neither = valid(Map.of("departments", List.of("Finance", "IT"), "write_rules", List.of()));
        assertThat(delete(neither, KELLY, OPERATOR)).isInstanceOf(PolicyDecision.Allowed.class);
        assertThat(delete(neither, actor("kelly", FINANCE, Role.USER_ADMIN), KELLY_HERSELF))
                .isInstanceOf(PolicyDecision.Allowed.class);
    }
}
