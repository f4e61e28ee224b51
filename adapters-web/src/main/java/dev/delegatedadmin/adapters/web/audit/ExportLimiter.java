package dev.delegatedadmin.adapters.web.audit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bounds the audit exports running at once, in all and per caller: each holds a database connection for as long as
 * its client reads, so without a bound a few stalled clients would hold the whole pool. Beyond the bound the caller
 * gets a 429 with {@code Retry-After} ({@link BusyException}); a client that stops reading loses its slot when the
 * server's write timeout (Tomcat's connection timeout) fails the export.
 */
public final class ExportLimiter {

    /** No export slot is free for this caller; {@code retryAfter} is a hint. */
    public static final class BusyException extends RuntimeException {

        private final Duration retryAfter;

        BusyException(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Released once, by the export that took it. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final Semaphore global;
    private final int perCaller;
    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    public ExportLimiter(int maxConcurrent, int maxPerCaller) {
        if (maxConcurrent < 1 || maxPerCaller < 1) {
            throw new IllegalArgumentException("Export limits are at least 1.");
        }
        this.global = new Semaphore(maxConcurrent);
        this.perCaller = maxPerCaller;
    }

    Permit acquire(String caller) {
        boolean[] taken = {false};
        running.compute(caller, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= perCaller) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            throw new BusyException("You already run " + perCaller + " audit exports; wait for one to finish.",
                    RETRY_AFTER);
        }
        if (!global.tryAcquire()) {
            release(caller);
            throw new BusyException("Too many audit exports are running; try again shortly.", RETRY_AFTER);
        }
        boolean[] closed = {false};
        return () -> {
            synchronized (closed) {
                if (closed[0]) {
                    return;
                }
                closed[0] = true;
            }
            global.release();
            release(caller);
        };
    }

    private void release(String caller) {
        running.computeIfPresent(caller, (key, count) -> count <= 1 ? null : count - 1);
    }
}
