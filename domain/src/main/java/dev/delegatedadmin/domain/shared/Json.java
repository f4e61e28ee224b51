package dev.delegatedadmin.domain.shared;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as plain Java: {@code null}, String, Boolean, Long, BigInteger, BigDecimal, List, Map.
 * Numbers are normalised (1, 1L and 1.0 become the same Long) so that {@code equals} is a deep,
 * value-based comparison: the seed's {@code ===} compared objects by reference and always resent metadata.
 */
public final class Json {

    private static final int MAX_DEPTH = 32;

    private Json() {
    }

    /** An immutable, normalised deep copy; refuses anything that is not a JSON value. */
    public static Object normalize(Object value) {
        return normalize(value, 0);
    }

    private static Object normalize(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidValueException("metadata", "Metadata is nested more than " + MAX_DEPTH + " levels deep.");
        }
        return switch (value) {
            case null -> null;
            case String s -> Text.requireStorable("metadata", s);
            case Boolean b -> b;
            case Number n -> normalizeNumber(n);
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key)) {
                        throw new InvalidValueException("metadata", "Object keys must be strings.");
                    }
                    Text.requireStorable("metadata", key);
                    copy.put(key, normalize(entry.getValue(), depth + 1));
                }
                yield Collections.unmodifiableMap(copy);
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                for (Object item : list) {
                    copy.add(normalize(item, depth + 1));
                }
                yield Collections.unmodifiableList(copy);
            }
            default -> throw new InvalidValueException("metadata",
                    "Unsupported metadata value of type " + value.getClass().getSimpleName() + ".");
        };
    }

    private static Object normalizeNumber(Number n) {
        BigDecimal decimal = switch (n) {
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case BigInteger bi -> new BigDecimal(bi);
            case BigDecimal bd -> bd;
            default -> {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new InvalidValueException("metadata", "Numbers must be finite.");
                }
                yield new BigDecimal(Double.toString(d));
            }
        };
        BigDecimal stripped = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            BigInteger integer = stripped.toBigIntegerExact();
            return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
        }
        return stripped;
    }
}
