package dev.delegatedadmin.domain.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template form of {@code set_app_metadata} string values: {@code {{connection.name}}} is replaced by the
 * login's value. Only a fixed set of variables, each always present and inserted as plain text; no expressions,
 * no escapes, no nesting. Any other {@code {{…}}} is refused when the document is validated.
 */
public final class LoginTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    /** The variables a value may use. */
    public static final Map<String, Function<LoginEvent, String>> VARIABLES = Map.of(
            "connection.id", e -> e.connection().id(),
            "connection.name", e -> e.connection().name(),
            "connection.strategy", e -> e.connection().strategy());

    private LoginTemplate() {
    }

    /** The problems of {@code text} as a template (unknown variables, stray braces); empty when valid. */
    public static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (matcher.find()) {
            if (!VARIABLES.containsKey(matcher.group(1))) {
                problems.add("Unknown variable {{" + matcher.group(1) + "}}; known: "
                        + VARIABLES.keySet().stream().sorted().toList() + ".");
            }
            matcher.appendReplacement(rest, "");
        }
        matcher.appendTail(rest);
        if (rest.indexOf("{{") >= 0 || rest.indexOf("}}") >= 0) {
            problems.add("Unbalanced {{ or }}.");
        }
        return problems;
    }

    /** {@code value} with its placeholders replaced; values other than strings are returned as they are. */
    public static Object resolve(Object value, LoginEvent event) {
        if (!(value instanceof String text)) {
            return value;
        }
        return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                VARIABLES.getOrDefault(m.group(1), ignored -> m.group()).apply(event)));
    }
}
