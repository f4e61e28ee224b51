package dev.delegatedadmin.application.error;

/** 401: wrong credentials, a blocked account, or a token whose subject no longer exists. */
public final class AuthenticationFailedException extends ApplicationException {

    public AuthenticationFailedException(String message) {
        super(message, null);
    }
}
