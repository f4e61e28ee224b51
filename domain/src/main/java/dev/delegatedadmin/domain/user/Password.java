package dev.delegatedadmin.domain.user;

import dev.delegatedadmin.domain.shared.InvalidValueException;

/**
 * A clear-text password on its way to the IdP. It is never returned, logged or audited:
 * {@code toString} hides it, and no mapper outside the IdP adapters reads {@link #reveal()}.
 */
public record Password(String value) {

    public static final int MAX_LENGTH = 256;

    public Password {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException("password", "A password must not be empty.");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException("password", "A password has at most " + MAX_LENGTH + " characters.");
        }
    }

    /** The clear text, for the IdP adapter only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Password[redacted]";
    }
}
