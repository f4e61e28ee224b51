package dev.delegatedadmin.adapters.auth0;

import java.time.Duration;
import java.util.Objects;

/**
 * Our own retry policy (the SDK's is off: its counter lives as long as the client, not the request). Per request:
 * at most {@code maxAttempts} calls and {@code maxTotal} of waiting; backoff doubles from {@code baseBackoff} up to
 * {@code maxBackoff}, with jitter (a random wait between half the ceiling and the ceiling). {@link ManagementCalls}
 * runs it as a Failsafe retry policy.
 */
record RetryPolicy(int maxAttempts, Duration maxTotal, Duration baseBackoff, Duration maxBackoff) {

    static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(10), Duration.ofMillis(250),
            Duration.ofSeconds(4));

    RetryPolicy {
        Objects.requireNonNull(maxTotal, "maxTotal");
        Objects.requireNonNull(baseBackoff, "baseBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts >= 1");
        }
    }

    /** The ceiling of the wait before attempt {@code attempt + 1} (attempt counts from 1). */
    Duration backoffCeiling(int attempt) {
        long base = baseBackoff.toMillis();
        long ceiling = base << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(ceiling, maxBackoff.toMillis()));
    }
}
