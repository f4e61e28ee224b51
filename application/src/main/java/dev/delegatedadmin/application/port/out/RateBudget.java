package dev.delegatedadmin.application.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * A call budget shared by every instance of the service: one token bucket per key (an IdP tenant), refilled at
 * {@link Limit#perSecond()} up to {@link Limit#burst()}. Times are the store's, so instances' clocks need not agree.
 */
public interface RateBudget {

    /** The bucket's size and refill rate; every instance passes the same. */
    record Limit(double perSecond, int burst) {
        public Limit {
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("The rate must be positive, not " + perSecond);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("The burst must be at least 1, not " + burst);
            }
        }
    }

    /** Permits taken (possibly fewer than asked); with none, how long until one is expected. */
    record Grant(int permits, Duration retryIn) {
        public Grant {
            Objects.requireNonNull(retryIn, "retryIn");
            if (permits < 0 || retryIn.isNegative()) {
                throw new IllegalArgumentException("A grant has no negative permits or wait.");
            }
        }
    }

    /** Takes up to {@code wanted} permits from {@code key}'s bucket; a new bucket starts full. */
    Grant take(String key, int wanted, Limit limit);

    /** Empties {@code key}'s bucket and keeps it empty for {@code duration} (the IdP refused calls until then). */
    void exhaust(String key, Duration duration);
}
