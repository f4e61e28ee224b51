package dev.delegatedadmin.domain.shared;

/** Every error the domain raises. Adapters map this hierarchy once, at the edge. */
public abstract sealed class DomainException extends RuntimeException permits InvalidValueException {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
