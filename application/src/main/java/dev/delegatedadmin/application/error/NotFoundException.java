package dev.delegatedadmin.application.error;

/** 404: unknown, or outside the actor's scope (the two are indistinguishable on purpose). */
public final class NotFoundException extends ApplicationException {

    public NotFoundException(String message) {
        super(message, null);
    }
}
