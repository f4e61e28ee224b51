package dev.delegatedadmin.adapters.auth0;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An independent reader of the Lucene query syntax the fake Auth0 accepts: fields, terms with backslash escapes and
 * wildcards, quoted phrases, groups, AND / OR / NOT, and Lucene's default operator (OR) between adjacent clauses.
 * It is deliberately not the adapter's code read backwards: an escaping mistake in the adapter shows up here as an
 * extra OR clause that widens the result.
 */
final class LuceneSubset {

    private enum Type { LPAREN, RPAREN, COLON, PHRASE, WORD, AND, OR, NOT }

    private record Token(Type type, String regex, String literal) {
    }

    private final List<Token> tokens;
    private int position;

    private LuceneSubset(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** A predicate over documents, given how to read a field ({@code null} when the document has none). */
    static Predicate<Function<String, String>> parse(String query) {
        LuceneSubset parser = new LuceneSubset(tokenize(query));
        Predicate<Function<String, String>> result = parser.or(null);
        if (parser.position != parser.tokens.size()) {
            throw new IllegalArgumentException("Unexpected token at " + parser.position);
        }
        return result;
    }

    private Predicate<Function<String, String>> or(String field) {
        Predicate<Function<String, String>> left = and(field);
        while (position < tokens.size() && tokens.get(position).type != Type.RPAREN) {
            if (peek(Type.OR)) {
                position++;
            }
            // Lucene's default operator: adjacent clauses are ORed.
            left = left.or(and(field));
        }
        return left;
    }

    private Predicate<Function<String, String>> and(String field) {
        Predicate<Function<String, String>> left = unary(field);
        while (peek(Type.AND)) {
            position++;
            left = left.and(unary(field));
        }
        return left;
    }

    private Predicate<Function<String, String>> unary(String field) {
        if (peek(Type.NOT)) {
            position++;
            return unary(field).negate();
        }
        return primary(field);
    }

    private Predicate<Function<String, String>> primary(String field) {
        Token token = next();
        if (token.type == Type.LPAREN) {
            Predicate<Function<String, String>> inner = or(field);
            expect(Type.RPAREN);
            return inner;
        }
        if (token.type == Type.WORD && peek(Type.COLON)) {
            position++;
            String name = token.literal;
            return primary(name);
        }
        if (token.type != Type.WORD && token.type != Type.PHRASE) {
            throw new IllegalArgumentException("Unexpected " + token.type);
        }
        String name = field == null ? "_all" : field;
        if (token.type == Type.PHRASE) {
            return doc -> token.literal.equals(doc.apply(name));
        }
        if (name.equals("*") && token.literal.equals("*")) {
            return doc -> true;
        }
        Pattern pattern = Pattern.compile(token.regex, Pattern.DOTALL);
        return doc -> {
            String value = doc.apply(name);
            return value != null && pattern.matcher(value).matches();
        };
    }

    private boolean peek(Type type) {
        return position < tokens.size() && tokens.get(position).type == type;
    }

    private Token next() {
        if (position >= tokens.size()) {
            throw new IllegalArgumentException("Unexpected end of query");
        }
        return tokens.get(position++);
    }

    private void expect(Type type) {
        if (next().type != type) {
            throw new IllegalArgumentException("Expected " + type);
        }
    }

    private static List<Token> tokenize(String query) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Type.LPAREN, null, null));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Type.RPAREN, null, null));
                i++;
            } else if (c == ':') {
                tokens.add(new Token(Type.COLON, null, null));
                i++;
            } else if (c == '"') {
                StringBuilder literal = new StringBuilder();
                i++;
                while (true) {
                    if (i >= query.length()) {
                        throw new IllegalArgumentException("Unterminated phrase");
                    }
                    char p = query.charAt(i);
                    if (p == '\\' && i + 1 < query.length()) {
                        literal.append(query.charAt(i + 1));
                        i += 2;
                    } else if (p == '"') {
                        i++;
                        break;
                    } else {
                        literal.append(p);
                        i++;
                    }
                }
                tokens.add(new Token(Type.PHRASE, null, literal.toString()));
            } else {
                StringBuilder literal = new StringBuilder();
                StringBuilder regex = new StringBuilder();
                boolean escapedAny = false;
                while (i < query.length()) {
                    char w = query.charAt(i);
                    if (w == '\\') {
                        if (i + 1 >= query.length()) {
                            throw new IllegalArgumentException("Dangling escape");
                        }
                        char e = query.charAt(i + 1);
                        literal.append(e);
                        regex.append(Pattern.quote(String.valueOf(e)));
                        escapedAny = true;
                        i += 2;
                    } else if (Character.isWhitespace(w) || w == '(' || w == ')' || w == ':' || w == '"') {
                        break;
                    } else {
                        literal.append(w);
                        regex.append(w == '*' ? ".*" : w == '?' ? "." : Pattern.quote(String.valueOf(w)));
                        i++;
                    }
                }
                String word = literal.toString();
                if (!escapedAny && word.equals("AND")) {
                    tokens.add(new Token(Type.AND, null, null));
                } else if (!escapedAny && word.equals("OR")) {
                    tokens.add(new Token(Type.OR, null, null));
                } else if (!escapedAny && word.equals("NOT")) {
                    tokens.add(new Token(Type.NOT, null, null));
                } else {
                    tokens.add(new Token(Type.WORD, regex.toString(), word));
                }
            }
        }
        return tokens;
    }
}
