package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.policy.RuleKind;
import dev.delegatedadmin.domain.policy.WriteRule;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.shared.TreeReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code write_rules}: each rule's kind from the {@link RuleKind} registry, which reads the rest. */
final class WriteRuleReader {

    private final DocumentReader reader;

    WriteRuleReader(DocumentReader reader) {
        this.reader = reader;
    }

    List<WriteRule> rules(Map<String, Object> root) {
        List<WriteRule> rules = new ArrayList<>();
        if (!root.containsKey("write_rules")) {
            reader.error("write_rules", "Required (an empty list means no rules at all).");
            return rules;
        }
        List<Object> items = reader.list(root.get("write_rules"), "write_rules");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = TreeReader.item("write_rules", i);
            WriteRule rule = rule(items.get(i), path);
            if (rule != null && !ids.add(rule.id())) {
                reader.error(path + ".id", "Duplicate rule id \"" + rule.id() + "\".");
            }
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    /** {@code null} when anything about the rule is wrong (every problem reported). */
    private WriteRule rule(Object node, String path) {
        Map<String, Object> rule = reader.object(node, path);
        if (rule == null) {
            return null;
        }
        Optional<RuleKind> kind = kind(rule, path);
        if (kind.isEmpty()) {
            return null;
        }
        reader.refuseUnknown(rule, path, kind.get().allowedKeys());
        // An unknown key does not keep the rule from being built (so that its id still counts for duplicates).
        int before = reader.count();
        TreeParameters parameters = new TreeParameters(reader, kind.get(), rule, path);
        RuleKind.Builder builder = kind.get().factory().read(parameters);
        if (reader.count() > before || parameters.id() == null) {
            return null;
        }
        try {
            return builder.build();
        } catch (InvalidValueException e) {
            // A combination the rule's record refuses (e.g. no actions at all): reported at the rule.
            reader.error(path, e.getMessage());
            return null;
        }
    }

    private Optional<RuleKind> kind(Map<String, Object> rule, String path) {
        String kindPath = path + ".kind";
        if (!rule.containsKey("kind")) {
            reader.error(kindPath, "Required.");
            return Optional.empty();
        }
        String name = reader.string(rule.get("kind"), kindPath);
        if (name == null) {
            return Optional.empty();
        }
        Optional<RuleKind> kind = RuleKind.named(name);
        if (kind.isEmpty()) {
            reader.error(kindPath, "Unknown rule kind \"" + name + "\"; one of " + RuleKind.names() + ".");
        }
        return kind;
    }
}
