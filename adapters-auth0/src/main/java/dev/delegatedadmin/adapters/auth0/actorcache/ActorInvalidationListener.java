package dev.delegatedadmin.adapters.auth0.actorcache;

import dev.delegatedadmin.application.port.out.ActorInvalidations;
import dev.delegatedadmin.application.port.out.ActorInvalidations.Invalidation;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one instance's actor cache in step with writes made through any instance: every {@code interval} it reads
 * the invalidations published since the last poll (PostgreSQL, {@link ActorInvalidations}) and evicts those users.
 * A bigserial id can become visible after a higher one (two inserts committing out of order), so each poll also
 * re-reads the last {@link #LOOKBACK} and skips the ids it already applied. After each successful poll the cache is
 * trusted for {@code trust}; when polls fail for longer, every actor is read from the IdP again.
 */
public final class ActorInvalidationListener implements AutoCloseable {

    static final Duration LOOKBACK = Duration.ofSeconds(5);
    private static final Duration KEEP = Duration.ofHours(1);
    private static final int BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(ActorInvalidationListener.class);

    private final ActorInvalidations invalidations;
    private final CachedActorLookup cache;
    private final Duration interval;
    private final Duration trust;
    private final Clock clock;
    private long cursor;
    private Set<Long> applied = Set.of();
    private long polls;
    private ScheduledExecutorService poller;

    public ActorInvalidationListener(ActorInvalidations invalidations, CachedActorLookup cache, Duration interval,
                              Duration trust, Clock clock) {
        this.invalidations = invalidations;
        this.cache = cache;
        this.interval = interval;
        this.trust = trust;
        this.clock = clock;
    }

    public synchronized void start() {
        if (poller != null) {
            return;
        }
        cursor = invalidations.latestId();
        cache.trustUntil(clock.instant().plus(trust));
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("actor-invalidation").factory());
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, Math.max(10, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // The cache stops being trusted by itself once the trust period runs out.
            log.warn("Could not read the actor invalidations: {}", e.toString());
        }
    }

    synchronized void poll() {
        var started = clock.instant();
        List<Invalidation> recent = invalidations.recent(cursor, LOOKBACK);
        Set<Long> seen = new HashSet<>();
        for (Invalidation invalidation : recent) {
            seen.add(invalidation.id());
            if (invalidation.id() > cursor || !applied.contains(invalidation.id())) {
                cache.evict(invalidation.user());
            }
            cursor = Math.max(cursor, invalidation.id());
        }
        if (recent.size() >= BATCH) {
            cache.evictAll(); // a burst beyond one batch: forget everything rather than miss one
        }
        applied = seen;
        cache.trustUntil(started.plus(trust));
        if (++polls % Math.max(1, Duration.ofMinutes(10).toMillis() / Math.max(10, interval.toMillis())) == 0) {
            invalidations.sweep(KEEP);
        }
    }
}
