package dev.delegatedadmin.application.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Housekeeping on this instance at most once per interval, done by whichever caller comes first. */
final class AtMostEvery {

    private final Duration interval;
    private final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);

    AtMostEvery(Duration interval) {
        this.interval = interval;
    }

    /** True for exactly one caller once the interval has passed since the last time. */
    boolean due(Instant now) {
        Instant previous = last.get();
        return !now.isBefore(previous.plus(interval)) && last.compareAndSet(previous, now);
    }
}
