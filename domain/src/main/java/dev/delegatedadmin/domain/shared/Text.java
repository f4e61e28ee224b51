package dev.delegatedadmin.domain.shared;

/**
 * Strings that can be stored and sent on as they are: PostgreSQL's text refuses U+0000, and an unpaired
 * surrogate has no UTF-8 form (it would silently become {@code ?}). Both are refused, never rewritten.
 */
public final class Text {

    public static final String UNSTORABLE = "Must not contain U+0000 or unpaired surrogates.";

    private Text() {
    }

    public static boolean isStorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** @throws InvalidValueException naming {@code field} when the value is not storable */
    public static String requireStorable(String field, String value) {
        if (!isStorable(value)) {
            throw new InvalidValueException(field, UNSTORABLE);
        }
        return value;
    }
}
