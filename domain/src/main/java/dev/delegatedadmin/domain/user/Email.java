package dev.delegatedadmin.domain.user;

import dev.delegatedadmin.domain.shared.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/** An email address, trimmed and lower-cased as Auth0 stores it, so uniqueness is case-insensitive. */
public record Email(String value) {

    // Deliberately simple: one @, no spaces, a domain that does not start or end with a dot. A dot-less
    // domain is allowed for the local IdP's default administrator (admin@localhost); Auth0 has the final word.
    private static final Pattern SHAPE = Pattern.compile("^[^\\s@]{1,64}@[^\\s@.][^\\s@]{0,252}(?<!\\.)$");

    public Email {
        if (value == null) {
            throw new InvalidValueException("email", "An email address is required.");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !SHAPE.matcher(value).matches() || value.codePoints().anyMatch(Email::invisible)) {
            throw new InvalidValueException("email", "Not a valid email address.");
        }
    }

    /**
     * Controls, invisible format characters (U+200B, U+2060, U+FEFF), bidirectional overrides (U+202E), odd spaces
     * and lone surrogates: two addresses that look the same must be the same address.
     */
    private static boolean invisible(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
