package dev.delegatedadmin.application.error;

import java.time.Duration;
import java.util.Optional;

/**
 * 502/503: the IdP failed or is unavailable. {@code unavailable} (503) means "try again later", with
 * {@code retryAfter} when the IdP said how long.
 */
public final class IdentityProviderException extends ApplicationException {

    private final boolean unavailable;
    private final Optional<Duration> retryAfter;

    public IdentityProviderException(String message, boolean unavailable, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.unavailable = unavailable;
        this.retryAfter = retryAfter;
    }

    public boolean unavailable() {
        return unavailable;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
