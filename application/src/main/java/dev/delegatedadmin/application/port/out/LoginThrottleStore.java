package dev.delegatedadmin.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Failed-login counters shared by every instance (PostgreSQL), one per account and one per client address. */
public interface LoginThrottleStore {

    enum Kind { ACCOUNT, ADDRESS }

    record Key(Kind kind, String subject) {
        public Key {
            Objects.requireNonNull(kind, "kind");
            if (subject == null || subject.isBlank()) {
                throw new IllegalArgumentException("A throttle key needs a subject.");
            }
        }
    }

    /**
     * {@code failures} since {@code windowStartedAt}; {@code lockedUntil} set once they reached the limit;
     * {@code unaudited}: failures and refused attempts that were counted here instead of audited.
     */
    record Counter(int failures, Instant windowStartedAt, Optional<Instant> lockedUntil, long unaudited) {
        public Counter {
            Objects.requireNonNull(windowStartedAt, "windowStartedAt");
            Objects.requireNonNull(lockedUntil, "lockedUntil");
            if (failures < 0 || unaudited < 0) {
                throw new IllegalArgumentException("Counts are never negative.");
            }
        }

        public boolean lockedAt(Instant now) {
            return lockedUntil.filter(now::isBefore).isPresent();
        }
    }

    /** The counters that exist among {@code keys}, in one read. */
    Map<Key, Counter> find(List<Key> keys);

    /**
     * Replaces the counter of {@code key} (empty: none yet) with {@code change}'s result, serialised per key across
     * instances, and returns it.
     */
    Counter update(Key key, Function<Optional<Counter>, Counter> change);

    /** One more attempt refused without a password check; nothing when there is no counter. */
    void countRefused(Key key);

    /** True when there was a counter to remove. */
    boolean remove(Key key);

    /** Housekeeping: forgets counters not touched since {@code before}. */
    int removeUntouchedSince(Instant before);
}
