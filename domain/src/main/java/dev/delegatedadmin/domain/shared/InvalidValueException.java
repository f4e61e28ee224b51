package dev.delegatedadmin.domain.shared;

/** A value object refused its input. {@code field} names the offending input, e.g. {@code email}. */
public final class InvalidValueException extends DomainException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidValueException(field, message);
        }
    }
}
