package dev.delegatedadmin.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void email_is_normalised_and_validated() {
        assertThat(new Email("  Kelly@Example.COM ").value()).isEqualTo("kelly@example.com");
        assertThat(new Email("admin@localhost").value()).isEqualTo("admin@localhost");
        for (String bad : new String[] {"", "no-at", "a@", "a@.example.com", "a@example.com.", "a@b@c", "a b@example.com", "a\u0000b@example.com", "a\u0007@example.com", "x".repeat(250) + "@example.com"}) {
            assertThatThrownBy(() -> new Email(bad)).isInstanceOf(InvalidValueException.class)
                    .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("email");
        }
        assertThatThrownBy(() -> new Email(null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void password_hides_itself_and_has_bounds() {
        assertThat(new Password("hunter22").toString()).doesNotContain("hunter22");
        assertThatThrownBy(() -> new Password("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Password("x".repeat(257))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void department_names() {
        assertThat(new Department("Finance & Ops").name()).isEqualTo("Finance & Ops");
        for (String bad : new String[] {"", " Finance", "a\"b", "x".repeat(65), "HR)"}) {
            assertThatThrownBy(() -> new Department(bad)).isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void user_id_refuses_control_characters() {
        assertThatThrownBy(() -> new UserId("auth0|1\n")).isInstanceOf(InvalidValueException.class);
        assertThat(new UserId("auth0|65f0").value()).isEqualTo("auth0|65f0");
    }

    @Test
    void metadata_is_deeply_immutable_and_value_compared() {
        Map<String, Object> nested = new HashMap<>(Map.of("a", 1));
        Metadata metadata = new Metadata(Map.of("n", nested, "list", List.of(1, 2.50, new BigDecimal("3.0"))));
        nested.put("b", 2);
        assertThat(metadata.values().get("n")).isEqualTo(Map.of("a", 1L));
        assertThat(metadata).isEqualTo(new Metadata(Map.of("n", Map.of("a", 1.0), "list", List.of(1L, 2.5, 3))));
        assertThatThrownBy(() -> metadata.values().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void metadata_refuses_non_json_values_and_deep_nesting() {
        assertThatThrownBy(() -> new Metadata(Map.of("x", new Object()))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Metadata(Map.of("x", Double.NaN))).isInstanceOf(InvalidValueException.class);
        Object deep = "leaf";
        for (int i = 0; i < 40; i++) {
            deep = Map.of("k", deep);
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> new Metadata(Map.of("x", tooDeep))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void merge_is_first_level_and_null_removes() {
        Metadata base = new Metadata(Map.of("a", Map.of("x", 1, "y", 2), "b", "keep"));
        Map<String, Object> changes = new HashMap<>();
        changes.put("a", Map.of("x", 5));
        changes.put("b", null);
        assertThat(base.merge(MetadataPatch.of(changes)).values()).isEqualTo(Map.of("a", Map.of("x", 5L)));
    }
}
