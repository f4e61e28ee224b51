package dev.delegatedadmin.adapters.web.http;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.domain.shared.TreeReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Strict reading of a JSON request body, so that an absent field, a {@code null} and a wrong type can be told
 * apart and every problem is reported per field, in one response. The body is turned into a plain Java tree and
 * read with the domain's {@link TreeReader}, the reader the policy document and the login webhook use too
 * (duplicate keys are refused by the mapper, at parse). Values are never quoted back in messages: a body may
 * carry a password.
 */
public final class JsonBody {

    private final Map<String, Object> body;
    private final TreeReader reader = new TreeReader("Unknown field.");

    private JsonBody(Map<String, Object> body) {
        this.body = body;
    }

    /** A JSON object whose top-level fields are all in {@code allowed}; anything else is a 400. */
    public static JsonBody object(@Nullable JsonNode body, Set<String> allowed) {
        return object(body, allowed, Set.of());
    }

    /** As {@link #object(JsonNode, Set)}; fields in {@code readOnly} get a clearer message than "unknown". */
    public static JsonBody object(@Nullable JsonNode body, Set<String> allowed, Set<String> readOnly) {
        if (body == null || !body.isObject()) {
            throw InvalidInputException.of("$", "The request body must be a JSON object.");
        }
        @SuppressWarnings("unchecked")
        JsonBody json = new JsonBody((Map<String, Object>) toJava(body));
        json.reader.refuseUnknown(json.body, TreeReader.ROOT, allowed,
                name -> readOnly.contains(name) ? "This field cannot be changed." : "Unknown field.");
        return json;
    }

    public boolean has(String field) {
        return body.containsKey(field);
    }

    public boolean isNull(String field) {
        return body.containsKey(field) && body.get(field) == null;
    }

    /** The string, or {@code null} when absent or {@code null}. */
    public @Nullable String string(String field) {
        return reader.optionalString(body.get(field), field);
    }

    public @Nullable Boolean bool(String field) {
        Object node = body.get(field);
        return node == null ? null : reader.bool(node, field);
    }

    /** A JSON object as plain Java maps, lists and scalars; {@code null} when absent or {@code null}. */
    public @Nullable Map<String, Object> object(String field) {
        Object node = body.get(field);
        return node == null ? null : reader.object(node, field);
    }

    public @Nullable List<String> strings(String field) {
        Object node = body.get(field);
        if (node == null) {
            return null;
        }
        List<Object> items = reader.list(node, field, "Must be an array of strings.", Integer.MAX_VALUE);
        if (!(node instanceof List<?>)) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof String value) {
                values.add(value);
            } else {
                reader.error(TreeReader.item(field, i), "Must be a string.");
            }
        }
        return values;
    }

    public void error(String field, String message) {
        reader.error(field, message);
    }

    /** Throws the 400 with every field error collected so far. */
    public void throwIfInvalid() {
        throwIfInvalid(reader);
    }

    /** Throws the 400 with every problem {@code reader} collected, in order. */
    public static void throwIfInvalid(TreeReader reader) {
        if (reader.count() > 0) {
            throw new InvalidInputException(reader.problems().stream()
                    .map(p -> new FieldError(p.path(), p.message())).toList());
        }
    }

    /** Jackson's tree as the plain Java tree {@link TreeReader} and the domain read. */
    public static @Nullable Object toJava(@Nullable JsonNode node) {
        if (node == null) {
            return null;
        }
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    map.put(entry.getKey(), toJava(entry.getValue()));
                }
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode item : node.values()) {
                    list.add(toJava(item));
                }
                yield list;
            }
            case STRING -> node.stringValue();
            case NUMBER -> node.numberValue();
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING -> null;
            case BINARY, POJO -> node.asString();
        };
    }
}
