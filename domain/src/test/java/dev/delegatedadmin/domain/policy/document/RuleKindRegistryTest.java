package dev.delegatedadmin.domain.policy.document;

import static dev.delegatedadmin.domain.policy.document.PolicyDocumentTest.errors;
import static dev.delegatedadmin.domain.policy.document.PolicyDocumentTest.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.policy.RuleKind;
import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.policy.WriteRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The registry is the one place for a kind's name, default id and message, keys and factory. */
class RuleKindRegistryTest {

    /** The least configuration each kind needs. */
    private static final Map<RuleKind, Map<String, Object>> MINIMAL = Map.of(
            RuleKind.PROTECTED_FIELDS, Map.of("fields", List.of()),
            RuleKind.EMAIL_DOMAINS, Map.of("domains", List.of("example.com")),
            RuleKind.ROLE_RESTRICTED_FIELDS, Map.of("roles", List.of("user-admin"), "fields", List.of("email")));

    private static Map<String, Object> document(Map<String, Object> rule) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("departments", List.of("IT"));
        doc.put("write_rules", List.of(rule));
        return doc;
    }

    private static Map<String, Object> rule(RuleKind kind, Map<String, Object> extra) {
        Map<String, Object> rule = new LinkedHashMap<>(MINIMAL.getOrDefault(kind, Map.of()));
        rule.put("kind", kind.externalName());
        rule.putAll(extra);
        return rule;
    }

    @ParameterizedTest
    @EnumSource(RuleKind.class)
    void every_kind_reads_with_its_default_id_and_message_and_builds_its_own_record(RuleKind kind) {
        WriteRule built = valid(document(rule(kind, Map.of()))).writePolicy().rules().getFirst();

        assertThat(built.id()).isEqualTo(kind.defaultId());
        assertThat(PolicyWeakening.kind(built)).isEqualTo(kind.externalName());
        kind.defaultMessage().ifPresent(message -> assertThat(built).asString().contains(message));
    }

    @ParameterizedTest
    @EnumSource(RuleKind.class)
    void every_kind_refuses_keys_it_does_not_take(RuleKind kind) {
        assertThat(errors(document(rule(kind, Map.of("colour", "blue")))))
                .containsExactly("write_rules[0].colour: Unknown key.");
        if (!kind.takesMessage()) {
            assertThat(errors(document(rule(kind, Map.of("message", "Hello.")))))
                    .containsExactly("write_rules[0].message: Unknown key.");
        }
    }

    @Test
    void the_shipped_default_uses_the_registry_defaults() {
        WritePolicy shipped = WritePolicy.shippedDefault(new DepartmentSettings(Set.of(new dev.delegatedadmin.domain.department.Department("IT")), Set.of()));
        for (WriteRule rule : shipped.rules()) {
            RuleKind kind = RuleKind.named(PolicyWeakening.kind(rule)).orElseThrow();
            assertThat(rule.id()).isEqualTo(kind.defaultId());
            kind.defaultMessage().ifPresent(message -> assertThat(rule).asString().contains(message));
        }
    }

    @Test
    void an_unknown_kind_lists_the_registry_in_order() {
        assertThat(errors(document(Map.of("kind", "foo"))))
                .containsExactly("write_rules[0].kind: Unknown rule kind \"foo\"; one of " + RuleKind.names() + ".");
        assertThat(RuleKind.names()).startsWith("target_role_not_above_actor, no_self_block, membership_required");
    }

    /** Was two errors: the NullPointerException of the record's constructor was caught and reported too. */
    @Test
    void a_rule_with_an_invalid_parameter_is_not_built_so_each_problem_is_reported_once() {
        assertThat(errors(document(rule(RuleKind.DATABASE_CONNECTION_ONLY, Map.of("default_connection", "")))))
                .hasSize(1).first().asString().startsWith("write_rules[0].default_connection: ");
        assertThat(errors(document(rule(RuleKind.NO_SELF_BLOCK, Map.of("id", "Not An Id")))))
                .containsExactly("write_rules[0].id: A rule id is 1 to 64 lower-case letters, digits or dashes.");
        assertThat(errors(document(Map.of("id", "x"))))
                .containsExactly("write_rules[0].kind: Required.");
    }

    @Test
    void a_combination_the_record_refuses_is_reported_at_the_rule() {
        assertThat(errors(document(rule(RuleKind.HIGHER_ROLE_REQUIRED, Map.of("actions", List.of())))))
                .containsExactly("write_rules[0]: One or more of delete, email, password, blocked.");
    }
}
