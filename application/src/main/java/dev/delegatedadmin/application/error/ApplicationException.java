package dev.delegatedadmin.application.error;

/**
 * Every failure a use case reports. The web adapter maps this hierarchy, once, to problem details;
 * the message is safe to show the caller (it never holds a secret).
 */
public abstract sealed class ApplicationException extends RuntimeException permits
        InvalidInputException,
        AuthenticationFailedException,
        DeniedException,
        NotFoundException,
        ConflictException,
        PolicyWeakeningException,
        IdentityProviderException,
        TooManyAttemptsException {

    protected ApplicationException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
