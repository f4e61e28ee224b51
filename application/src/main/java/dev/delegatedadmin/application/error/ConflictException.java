package dev.delegatedadmin.application.error;

/** 409: e.g. the email is already taken in that connection. */
public final class ConflictException extends ApplicationException {

    public ConflictException(String message) {
        super(message, null);
    }
}
