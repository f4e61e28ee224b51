package dev.delegatedadmin.application.error;

import java.time.Duration;
import java.util.Objects;

/**
 * Too many log-ins: 429 when this account or address failed too often, 503 when too many passwords are being checked
 * at once ({@code busy}); either way, try again after {@code retryAfter}. Expected under a flood: never logged.
 */
public final class TooManyAttemptsException extends ApplicationException {

    private final Duration retryAfter;
    private final boolean busy;

    public TooManyAttemptsException(String message, Duration retryAfter, boolean busy) {
        super(message, null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        this.busy = busy;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean busy() {
        return busy;
    }
}
