package dev.delegatedadmin.adapters.auth0;

import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code q} of a user search (search engine v3, Lucene syntax). The scope is always a clause of its own,
 * ANDed with the rest, and every value that comes from outside is either quoted (departments) or escaped character
 * by character (the search text, which needs a trailing wildcard and so cannot be a quoted phrase): no text can
 * close a quote, open a group or add an operator, so none can widen the scope.
 */
final class LuceneQuery {

    private static final String SPECIAL = "+-&|!(){}[]^\"~*?:\\/";

    private LuceneQuery() {
    }

    /** Empty when nothing restricts the search (an unrestricted scope, no filter, no text). */
    static Optional<String> of(Scope scope, Optional<Department> department, Optional<String> text) {
        List<String> clauses = new ArrayList<>();
        if (!scope.all()) {
            clauses.add(scope.departments().stream()
                    .map(d -> quoted(d.name()))
                    .collect(Collectors.joining(" OR ", "app_metadata.department:(", ")")));
        }
        department.ifPresent(d -> clauses.add("app_metadata.department:" + quoted(d.name())));
        text.map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty())
                .ifPresent(t -> clauses.add("email:" + escaped(t) + "*"));
        return clauses.isEmpty() ? Optional.empty() : Optional.of(String.join(" AND ", clauses));
    }

    /** A phrase: only the quote and the backslash need escaping inside it. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A single term: every special character and every whitespace is escaped. */
    static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length() * 2);
        value.codePoints().forEach(c -> {
            if (SPECIAL.indexOf(c) >= 0 || Character.isWhitespace(c)) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }
}
