package dev.delegatedadmin.domain.user;

import dev.delegatedadmin.domain.shared.InvalidValueException;

/** The name of an IdP connection, e.g. {@code Username-Password-Authentication}. */
public record ConnectionName(String value) {

    public static final ConnectionName DEFAULT_DATABASE = new ConnectionName("Username-Password-Authentication");

    public ConnectionName {
        if (value == null || value.isBlank() || value.length() > 128 || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("connection", "A connection name is 1 to 128 printable characters.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
