package dev.delegatedadmin.domain.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Strict, typed reading of a JSON-like tree: Map, List, String, Number, Boolean and null, as Jackson or SnakeYAML
 * produce them (duplicate keys are refused by those parsers, at parse). Every problem is collected with its path
 * ({@code a.b[2].c}; the root is {@code $}) instead of stopping at the first, so that one answer lists them all.
 * A typed read that fails records its problem and returns {@code null}. Values are never quoted back: a tree may
 * carry a password. Shared by the policy document, the web adapter's request bodies and the login webhook.
 */
public final class TreeReader {

    /** One problem at one path. */
    public record Problem(String path, String message) {
    }

    public static final String ROOT = "$";

    private final String unknownKey;
    private final List<Problem> problems = new ArrayList<>();

    /** {@code unknownKey}: the message for a key not in an object's allowed set ("Unknown key.", "Unknown field."). */
    public TreeReader(String unknownKey) {
        this.unknownKey = unknownKey;
    }

    public static String child(String path, String key) {
        return path.equals(ROOT) ? key : path + "." + key;
    }

    public static String item(String path, int index) {
        return path + "[" + index + "]";
    }

    /** An object with string keys; {@code null} (and a problem) when absent or something else. */
    public Map<String, Object> object(Object node, String path) {
        if (!(node instanceof Map<?, ?> map)) {
            error(path, node == null ? "Required." : "Must be an object.");
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key instanceof String name) {
                result.put(name, value);
            } else {
                error(path, "Keys must be strings.");
            }
        });
        return result;
    }

    /** As {@link #object(Object, String)}, and every key outside {@code allowed} is a problem. */
    public Map<String, Object> object(Object node, String path, Set<String> allowed) {
        Map<String, Object> result = object(node, path);
        if (result != null) {
            refuseUnknown(result, path, allowed);
        }
        return result;
    }

    public void refuseUnknown(Map<String, ?> map, String path, Set<String> allowed) {
        refuseUnknown(map, path, allowed, key -> unknownKey);
    }

    /** As {@link #refuseUnknown(Map, String, Set)}, with the message for each refused key (e.g. a read-only one). */
    public void refuseUnknown(Map<String, ?> map, String path, Set<String> allowed, Function<String, String> message) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                error(child(path, key), message.apply(key));
            }
        }
    }

    /** A list; absent is empty; anything else, or more than {@code maxItems}, is empty with a problem. */
    public List<Object> list(Object node, String path, String notAList, int maxItems) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            error(path, notAList);
            return List.of();
        }
        if (list.size() > maxItems) {
            error(path, "At most " + maxItems + " items.");
            return List.of();
        }
        return new ArrayList<>(list);
    }

    /** A string; absent is "Required.". */
    public String string(Object node, String path) {
        if (node instanceof String s) {
            return s;
        }
        error(path, node == null ? "Required." : "Must be a string.");
        return null;
    }

    /** A string, or {@code null} without a problem when absent. */
    public String optionalString(Object node, String path) {
        return node == null ? null : string(node, path);
    }

    public Boolean bool(Object node, String path) {
        if (node instanceof Boolean b) {
            return b;
        }
        error(path, "Must be true or false.");
        return null;
    }

    /** A whole number that fits an int; {@code 12.0} counts (numbers are compared by value, as {@link Json} does). */
    public Integer integer(Object node, String path) {
        if (node instanceof Number n && Json.normalize(n) instanceof Long l
                && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        error(path, "Must be an integer.");
        return null;
    }

    /** A number written without a fraction ({@code 1}, not {@code 1.0}) that fits a long; else {@code null}, no problem. */
    public static Long integral(Object node) {
        return switch (node) {
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case java.math.BigInteger big when big.bitLength() < 64 -> big.longValue();
            case null, default -> null;
        };
    }

    /** An enum constant by its lower-case name. */
    public <E extends Enum<E>> E enumValue(Object node, String path, Class<E> type) {
        String name = string(node, path);
        if (name == null) {
            return null;
        }
        Optional<E> match = Arrays.stream(type.getEnumConstants()).filter(e -> external(e).equals(name)).findFirst();
        if (match.isEmpty()) {
            error(path, "Must be one of "
                    + String.join(", ", Arrays.stream(type.getEnumConstants()).map(TreeReader::external).toList()) + ".");
        }
        return match.orElse(null);
    }

    private static String external(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** A value object built from what was read; its refusal is the problem at {@code path}. */
    public <T> T value(String path, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidValueException e) {
            error(path, e.getMessage());
            return null;
        }
    }

    public void error(String path, String message) {
        problems.add(new Problem(path, message));
    }

    /** How many problems so far: a reader compares it before and after a part to know whether that part failed. */
    public int count() {
        return problems.size();
    }

    /** Whether any problem's path starts with {@code path} (so {@code a[1]} also covers {@code a[10]}). */
    public boolean hasErrorsUnder(String path) {
        return problems.stream().anyMatch(p -> p.path().startsWith(path));
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }
}
