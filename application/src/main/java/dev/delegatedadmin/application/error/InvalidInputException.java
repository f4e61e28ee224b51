package dev.delegatedadmin.application.error;

import java.util.List;

/** 400: the input is malformed or names something that does not exist (e.g. an unknown department). */
public final class InvalidInputException extends ApplicationException {

    /** One problem with one input field; {@code field} is a JSON path such as {@code memberships[1]}. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.isEmpty() ? "The request is invalid." : errors.getFirst().message(), null);
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
