package dev.delegatedadmin.domain.user;

import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.shared.Text;

/** The IdP's identifier of a user, e.g. {@code auth0|65f...}. Opaque to us. */
public record UserId(String value) {

    public UserId {
        if (value == null || value.isBlank() || value.length() > 256 || value.chars().anyMatch(Character::isISOControl)
                || !Text.isStorable(value)) {
            throw new InvalidValueException("user_id", "A user id is 1 to 256 printable characters.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
