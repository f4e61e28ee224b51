package dev.delegatedadmin.application.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * How many failed log-ins lock an account or a client address, and for how long; how many password checks run at
 * once, and how long a log-in waits for one before it is answered 503.
 */
public record LoginThrottleSettings(Limit account, Limit address, int maxConcurrentChecks, Duration checkWait) {

    /** {@code maxFailures} within {@code window} (counted from the first) lock for {@code lockDuration}. */
    public record Limit(int maxFailures, Duration window, Duration lockDuration) {
        public Limit {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("At least one failure must be allowed, not " + maxFailures);
            }
            requirePositive(window, "window");
            requirePositive(lockDuration, "lockDuration");
        }
    }

    public LoginThrottleSettings {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(address, "address");
        if (maxConcurrentChecks < 1) {
            throw new IllegalArgumentException("At least one password check must be allowed at once.");
        }
        Objects.requireNonNull(checkWait, "checkWait");
        if (checkWait.isNegative()) {
            throw new IllegalArgumentException("The wait for a password check must not be negative.");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("The " + name + " must be positive, not " + duration);
        }
    }
}
