package dev.delegatedadmin.adapters.web;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Strict, hand-written reading of a JSON request body from its tree, so that an absent field, a {@code null}
 * and a wrong type can be told apart and every problem is reported per field, in one response. Values are
 * never quoted back in messages: a body may carry a password.
 */
final class JsonBody {

    private final JsonNode body;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonBody(JsonNode body) {
        this.body = body;
    }

    /** A JSON object whose top-level fields are all in {@code allowed}; anything else is a 400. */
    static JsonBody object(@Nullable JsonNode body, Set<String> allowed) {
        return object(body, allowed, Set.of());
    }

    /** As {@link #object(JsonNode, Set)}; fields in {@code readOnly} get a clearer message than "unknown". */
    static JsonBody object(@Nullable JsonNode body, Set<String> allowed, Set<String> readOnly) {
        if (body == null || !body.isObject()) {
            throw InvalidInputException.of("$", "The request body must be a JSON object.");
        }
        JsonBody json = new JsonBody(body);
        for (String name : body.propertyNames()) {
            if (readOnly.contains(name)) {
                json.error(name, "This field cannot be changed.");
            } else if (!allowed.contains(name)) {
                json.error(name, "Unknown field.");
            }
        }
        return json;
    }

    boolean has(String field) {
        return body.has(field);
    }

    boolean isNull(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    /** The string, or {@code null} when absent or {@code null}. */
    @Nullable String string(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            error(field, "Must be a string.");
            return null;
        }
        return node.stringValue();
    }

    @Nullable Boolean bool(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            error(field, "Must be true or false.");
            return null;
        }
        return node.booleanValue();
    }

    /** A JSON object as plain Java maps, lists and scalars; {@code null} when absent or {@code null}. */
    @Nullable Map<String, Object> object(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            error(field, "Must be an object.");
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) toJava(node);
        return map;
    }

    @Nullable List<String> strings(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            error(field, "Must be an array of strings.");
            return null;
        }
        List<String> values = new ArrayList<>();
        int index = 0;
        for (JsonNode item : node.values()) {
            if (item.isString()) {
                values.add(item.stringValue());
            } else {
                error(field + "[" + index + "]", "Must be a string.");
            }
            index++;
        }
        return values;
    }

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Throws the 400 with every field error collected so far. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    static @Nullable Object toJava(JsonNode node) {
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
