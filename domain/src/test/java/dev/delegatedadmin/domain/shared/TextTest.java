package dev.delegatedadmin.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NUL and unpaired surrogates are refused, naming the field, never stored as '?' or failing in the database. */
class TextTest {

    @Test
    void storable_strings() {
        assertThat(Text.isStorable("plain, ünïcödé and 😀")).isTrue();
        for (String bad : List.of("a\u0000b", "\ud800", "x\udc00y", "\ud83d", "end\ud83d")) {
            assertThat(Text.isStorable(bad)).as(bad).isFalse();
        }
    }

    @Test
    void metadata_refuses_nul_and_lone_surrogates_in_keys_and_values() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("k", "a\u0000"), Map.of("k\u0000", "v"),
                Map.of("k", List.of("\ud800")), Map.of("k", Map.of("nested", "\udfff")))) {
            assertThatThrownBy(() -> new Metadata(bad)).isInstanceOf(InvalidValueException.class)
                    .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("metadata");
        }
        assertThat(new Metadata(Map.of("emoji", "😀")).get("emoji")).contains("😀");
    }

    @Test
    void emails_with_invisible_or_bidi_characters_are_refused() {
        for (String bad : List.of("ke\u200blly@example.com", "kelly@exa\u202emple.com", "\ufeffkelly@example.com",
                "kel\u2060ly@example.com", "kelly\u00a0@example.com", "ke\ud800lly@example.com", "kelly@example.com\u2028x")) {
            assertThatThrownBy(() -> new Email(bad)).as(bad).isInstanceOf(InvalidValueException.class)
                    .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("email");
        }
        assertThat(new Email("jürgen@exämple.de").value()).isEqualTo("jürgen@exämple.de");
    }
}
