package dev.delegatedadmin.application.error;

import java.time.Duration;
import java.util.Objects;

/** 429: too many failed log-ins for this account or from this address; try again after {@code retryAfter}. */
public final class TooManyAttemptsException extends ApplicationException {

    private final Duration retryAfter;

    public TooManyAttemptsException(String message, Duration retryAfter) {
        super(message, null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
