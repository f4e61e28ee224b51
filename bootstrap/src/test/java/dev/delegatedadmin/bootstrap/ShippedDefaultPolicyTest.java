package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.adapters.web.policyfile.PolicyFile;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped YAML is SPEC section 3, exactly; and how YAML files are read. */
class ShippedDefaultPolicyTest {

    @Test
    void the_shipped_document_is_the_spec_section_3_policy() {
        PolicyFile file = PolicyFile.read("");

        PolicyDocument document = ((PolicyDocument.Valid) PolicyDocument.parse(file.tree())).document();

        // Records all the way down (rules, their ids, messages and settings): equal is equal in behaviour, so the
        // domain's DefaultCreatePolicyTest and DefaultUpdatePolicyTest hold for the shipped document as well.
        assertThat(document.writePolicy()).isEqualTo(WritePolicy.shippedDefault(new DepartmentSettings(
                Set.of(new Department("Finance"), new Department("HR"), new Department("IT"), new Department("Sales")),
                Set.of(new Department("IT")))));
        assertThat(document.userFields()).isEmpty();
        assertThat(document.loginRules()).isEmpty();
        assertThat(file.sourceName()).isEqualTo("classpath:policy/default-policy.yaml");
        assertThat(file.contentHash()).startsWith("sha256:").hasSize(71);
    }

    @Test
    void yaml_dates_stay_text_and_duplicate_keys_are_refused() {
        PolicyFile file = PolicyFile.parse("t.yaml", "a: 2027-03-31\nb: [x, 1]\n".getBytes(StandardCharsets.UTF_8));
        assertThat(file.tree()).isEqualTo(Map.of("a", "2027-03-31", "b", java.util.List.of("x", 1)));

        assertThatThrownBy(() -> PolicyFile.parse("t.yaml", "a: 1\na: 2\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> PolicyFile.parse("t.yaml", "a: !!java.io.File /etc\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not valid YAML");
    }
}
