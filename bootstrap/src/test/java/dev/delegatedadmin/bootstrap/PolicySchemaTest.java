package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.web.policyfile.PolicyFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.delegatedadmin.domain.policy.RuleKind;
import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/policy.schema.json (draft 2020-12) accepts the shipped document and every policy example of docs/policy.md
 * (read from the doc's fenced blocks, so that they cannot drift), refuses what the service refuses in shape, and
 * names exactly the kinds and keys of the {@link RuleKind} registry.
 */
class PolicySchemaTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TOP_LEVEL = Set.of("departments", "unrestricted_departments", "also_manages",
            "write_rules", "user_fields", "login_rules");
    private static final Pattern FENCE = Pattern.compile("(?m)^```(yaml|json)\\n(.*?)^```$", Pattern.DOTALL);

    private static final JsonNode SCHEMA_TREE = JSON.readTree(read(DOCS.resolve("policy.schema.json")));
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(read(DOCS.resolve("policy.schema.json")));

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tree exactly as the service reads a file (PolicyFile), then as JSON. */
    private static List<Error> schemaErrors(Object tree) {
        return SCHEMA.validate(JSON.valueToTree(tree));
    }

    @Test
    void the_shipped_document_validates() {
        assertThat(schemaErrors(PolicyFile.read("").tree())).isEmpty();
    }

    @Test
    void every_policy_example_in_the_docs_validates_against_the_schema_and_the_service() {
        Matcher blocks = FENCE.matcher(read(DOCS.resolve("policy.md")));
        int checked = 0;
        while (blocks.find()) {
            String language = blocks.group(1);
            String text = blocks.group(2);
            Object tree;
            try {
                tree = PolicyFile.parse("policy.md", text.getBytes(StandardCharsets.UTF_8)).tree();
            } catch (RuntimeException notYamlOrJson) {
                assertThat(language).as("a yaml block that does not parse:%n%s", text).isEqualTo("json");
                continue; // an HTTP exchange (a request line, several answers), not a document
            }
            boolean policy = tree instanceof Map<?, ?> map && !map.isEmpty() && TOP_LEVEL.containsAll(map.keySet());
            if (language.equals("yaml")) {
                assertThat(policy).as("every yaml block of policy.md is (part of) a policy document:%n%s", text).isTrue();
            }
            if (!policy) {
                continue;
            }
            Map<String, Object> document = completed((Map<?, ?>) tree);
            assertThat(schemaErrors(document)).as("schema errors of%n%s", text).isEmpty();
            assertThat(PolicyDocument.parse(document)).as("the service on%n%s", text)
                    .isInstanceOf(PolicyDocument.Valid.class);
            checked++;
        }
        assertThat(checked).as("policy examples found in policy.md").isGreaterThanOrEqualTo(5);
    }

    /** A fragment (only user_fields, only login_rules) completed with the shipped departments and no rules. */
    private static Map<String, Object> completed(Map<?, ?> fragment) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("departments", List.of("Finance", "HR", "IT", "Sales"));
        document.put("write_rules", List.of());
        fragment.forEach((key, value) -> document.put((String) key, value));
        return document;
    }

    @Test
    void an_unknown_rule_kind_an_unknown_key_or_a_missing_part_does_not_validate() {
        assertThat(schemaErrors(withRule(Map.of("kind", "foo")))).isNotEmpty();
        assertThat(schemaErrors(withRule(Map.of("kind", "no_self_block", "colour", "blue")))).isNotEmpty();
        assertThat(schemaErrors(withRule(Map.of("kind", "protected_fields", "fields", List.of(), "message", "x"))))
                .isNotEmpty();
        assertThat(schemaErrors(withRule(Map.of("kind", "role_restricted_fields", "roles", List.of("king"),
                "fields", List.of("email"))))).isNotEmpty();
        assertThat(schemaErrors(withRule(Map.of("id", "no-kind")))).isNotEmpty();
        assertThat(schemaErrors(Map.of("write_rules", List.of()))).isNotEmpty();
        assertThat(schemaErrors(Map.of("departments", List.of("IT"), "write_rules", List.of(), "user_fields",
                List.of(Map.of("name", "level", "type", "integer", "pattern", "^[0-9]$"))))).isNotEmpty();
        assertThat(schemaErrors(Map.of("departments", List.of("IT"), "write_rules", List.of(), "colour", "blue")))
                .isNotEmpty();
        assertThat(schemaErrors(Map.of("departments", List.of("IT"), "write_rules", List.of(),
                "login_rules", List.of(Map.of("id", "x", "assign_roles", List.of("r"),
                        "set_app_metadata", Map.of("a", 1)))))).isNotEmpty();
    }

    private static Map<String, Object> withRule(Object rule) {
        return Map.of("departments", List.of("IT"), "write_rules", List.of(rule));
    }

    @Test
    void the_schema_names_exactly_the_registry_kinds_with_their_keys() {
        JsonNode defs = SCHEMA_TREE.get("$defs");
        List<String> kinds = new ArrayList<>();
        defs.get("write_rule").get("properties").get("kind").get("enum").values().forEach(k -> kinds.add(k.stringValue()));
        assertThat(kinds).containsExactlyElementsOf(Arrays.stream(RuleKind.values()).map(RuleKind::externalName).toList());

        Set<String> ruleDefs = new TreeSet<>();
        defs.propertyNames().forEach(name -> {
            if (name.startsWith("rule.")) {
                ruleDefs.add(name.substring("rule.".length()));
            }
        });
        assertThat(ruleDefs).containsExactlyInAnyOrderElementsOf(kinds);
        for (RuleKind kind : RuleKind.values()) {
            Set<String> keys = new TreeSet<>(defs.get("rule." + kind.externalName()).get("properties").propertyNames());
            assertThat(keys).as(kind.externalName()).containsExactlyInAnyOrderElementsOf(kind.allowedKeys());
        }
    }
}
