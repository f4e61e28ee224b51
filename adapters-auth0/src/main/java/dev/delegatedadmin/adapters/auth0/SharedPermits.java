package dev.delegatedadmin.adapters.auth0;

import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.port.out.RateBudget;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Permits from the tenant's {@link RateBudget}, shared by every instance, taken {@code batch} at a time so that the
 * database is asked a few times a second, not on every call. Local permits expire after {@code batchLifetime}: held
 * longer, they would add to what other instances take later. Callers queue on a fair lock for at most
 * {@code maxWait}; the head of the queue waits for the bucket. If the budget's store fails, calls go through (the
 * tenant's own 429s, still honoured here, are the fallback): a database outage must not stop reads of the IdP.
 */
final class SharedPermits implements ManagementPermits {

    private static final Logger log = LoggerFactory.getLogger(SharedPermits.class);
    /** How long a batch's unused permits stay usable. */
    static final Duration BATCH_LIFETIME = Duration.ofMillis(500);

    private final RateBudget budget;
    private final String key;
    private final RateBudget.Limit limit;
    private final int batch;
    private final Duration batchLifetime;
    private final Duration maxWait;
    private final ManagementCalls.Sleeper sleeper;
    private final ReentrantLock queue = new ReentrantLock(true);
    // Guarded by queue.
    private int local;
    private long localExpiresAt;
    private boolean storeFailing;
    /** This instance's own 429s, honoured even when the store is down; read before any local permit is used. */
    private final AtomicLong blockedUntil = new AtomicLong(System.nanoTime());

    SharedPermits(RateBudget budget, String key, RateBudget.Limit limit, int batch, Duration batchLifetime,
                  Duration maxWait, ManagementCalls.Sleeper sleeper) {
        if (batch < 1) {
            throw new IllegalArgumentException("The batch must be at least 1.");
        }
        this.budget = budget;
        this.key = key;
        this.limit = limit;
        this.batch = batch;
        this.batchLifetime = batchLifetime;
        this.maxWait = maxWait;
        this.sleeper = sleeper;
    }

    /** About a fifth of a second of the rate, at least one: small enough to be fair between instances. */
    static int defaultBatch(RateBudget.Limit limit) {
        return (int) Math.max(1, Math.min(limit.burst(), Math.round(limit.perSecond() / 5)));
    }

    @Override
    public void acquire() {
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            if (!queue.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw saturated(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw saturated(Duration.ofSeconds(1));
        }
        try {
            while (true) {
                long now = System.nanoTime();
                long blocked = blockedUntil.get() - now;
                if (blocked <= 0 && local > 0 && now - localExpiresAt < 0) {
                    local--;
                    return;
                }
                local = 0;
                Duration wait = blocked > 0 ? Duration.ofNanos(blocked) : take(now);
                if (wait.isZero()) {
                    continue;
                }
                if (wait.isNegative()) {
                    return; // the store failed: fail open
                }
                if (System.nanoTime() + wait.toNanos() - deadline > 0) {
                    throw saturated(wait);
                }
                sleeper.sleep(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw saturated(Duration.ofSeconds(1));
        } finally {
            queue.unlock();
        }
    }

    /** Zero when permits were taken, the wait when none, negative when the store failed. */
    private Duration take(long now) {
        RateBudget.Grant grant;
        try {
            grant = budget.take(key, batch, limit);
        } catch (RuntimeException e) {
            if (!storeFailing) {
                log.warn("The shared Management API budget is unavailable; calls go through unthrottled: {}",
                        e.toString());
                storeFailing = true;
            }
            return Duration.ofNanos(-1);
        }
        storeFailing = false;
        if (grant.permits() == 0) {
            return grant.retryIn().isZero() ? Duration.ofMillis(1) : grant.retryIn();
        }
        local = grant.permits();
        localExpiresAt = now + batchLifetime.toNanos();
        return Duration.ZERO;
    }

    @Override
    public void refused(Duration resetIn) {
        long until = System.nanoTime() + resetIn.toNanos();
        blockedUntil.accumulateAndGet(until, (current, next) -> next - current > 0 ? next : current);
        try {
            budget.exhaust(key, resetIn);
        } catch (RuntimeException e) {
            log.warn("Could not share the tenant's 429 with the other instances: {}", e.toString());
        }
    }

    private static IdentityProviderException saturated(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new IdentityProviderException("The identity provider's call budget is used up; try again shortly.",
                true, Optional.of(Duration.ofSeconds(seconds)), null);
    }
}
