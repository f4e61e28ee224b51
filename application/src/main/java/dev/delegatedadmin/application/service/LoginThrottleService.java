package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.port.in.LoginThrottleSettings;
import dev.delegatedadmin.application.error.TooManyAttemptsException;
import dev.delegatedadmin.application.port.in.UnlockLoginUseCase;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.application.port.out.LoginThrottleStore;
import dev.delegatedadmin.application.port.out.LoginThrottleStore.Counter;
import dev.delegatedadmin.application.port.out.LoginThrottleStore.Key;
import dev.delegatedadmin.application.port.out.LoginThrottleStore.Kind;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Brute-force protection of the local log-in: failures are counted per attempted email (known or not, so that the
 * answer never tells) and per client address, in PostgreSQL for every instance; at the limit the key is locked for a
 * while and every attempt is refused before its password is hashed. Password checks are bounded, so that a flood
 * cannot take every CPU from the rest of the API.
 */
public final class LoginThrottleService implements UnlockLoginUseCase {

    static final String LOCKED = "Too many failed log-ins; try again later.";
    static final String BUSY = "Too many log-ins at once; try again shortly.";
    static final String BRUTE_FORCE_RULE = "brute-force";

    /** What a failure did: whether it opened a window (audited), and the lock it set now, if any. */
    record Failure(boolean firstOfWindow, Optional<Counter> accountLockedNow, Optional<Counter> addressLockedNow,
                   Optional<Duration> retryAfter) {
    }

    private final LoginThrottleSettings settings;
    private final LoginThrottleStore store;
    private final LoadUsers directory;
    private final RecordAuditEvents auditTrail;
    private final Clock clock;
    private final Semaphore checks;
    private final AtMostEvery sweeps = new AtMostEvery(Duration.ofMinutes(1));

    public LoginThrottleService(LoginThrottleSettings settings, LoginThrottleStore store, LoadUsers directory,
                         RecordAuditEvents auditTrail, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.directory = directory;
        this.auditTrail = auditTrail;
        this.clock = clock;
        this.checks = new Semaphore(settings.maxConcurrentChecks(), true);
    }

    /** How long to wait when the account or the address is locked, counting the refused attempt; else empty. */
    Optional<Duration> refusal(Email email, String address) {
        Instant now = clock.instant();
        Key account = accountKey(email);
        Key client = addressKey(address);
        Map<Key, Counter> counters = store.find(List.of(account, client));
        Optional<Duration> wait = Optional.empty();
        for (Key key : List.of(account, client)) {
            Counter counter = counters.get(key);
            if (counter != null && counter.lockedAt(now)) {
                store.countRefused(key);
                wait = Optional.of(longer(wait, Duration.between(now, counter.lockedUntil().orElseThrow())));
            }
        }
        return wait;
    }

    /** Runs one password check within the bound; beyond it, after {@code checkWait}, a 503 with Retry-After. */
    <T> T checkPassword(Supplier<T> check) {
        boolean acquired;
        try {
            acquired = checks.tryAcquire(settings.checkWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new TooManyAttemptsException(BUSY, Duration.ofSeconds(1), true);
        }
        try {
            return check.get();
        } finally {
            checks.release();
        }
    }

    /** Counts a failure for the account and the address; at a limit, locks and says how long to wait. */
    Failure failed(Email email, String address) {
        Instant now = clock.instant();
        sweep(now);
        Transition account = count(accountKey(email), now, settings.account(), true);
        Transition client = count(addressKey(address), now, settings.address(), false);
        Optional<Duration> wait = Optional.empty();
        for (Transition t : List.of(account, client)) {
            if (t.counter().lockedAt(now)) {
                wait = Optional.of(longer(wait, Duration.between(now, t.counter().lockedUntil().orElseThrow())));
            }
        }
        return new Failure(account.first(),
                Optional.of(account.counter()).filter(c -> account.lockedNow()),
                Optional.of(client.counter()).filter(c -> client.lockedNow()), wait);
    }

    private record Transition(Counter counter, boolean first, boolean lockedNow) {
    }

    /** The audit trail gets the lock and (accounts) the window's first failure; the row counts the rest. */
    private Transition count(Key key, Instant now, LoginThrottleSettings.Limit limit, boolean auditFirst) {
        Transition[] result = new Transition[1];
        store.update(key, current -> {
            Counter next = next(current, now, limit);
            boolean lockedNow = next.lockedAt(now) && current.map(c -> !c.lockedAt(now)).orElse(true);
            boolean first = next.failures() == 1;
            Counter kept = lockedNow || (auditFirst && first) ? next : unaudited(next);
            result[0] = new Transition(kept, first, lockedNow);
            return kept;
        });
        return result[0];
    }

    /** A right password ends the account's run of failures (never the address's: an attacker could reset it). */
    void succeeded(Email email) {
        store.remove(accountKey(email));
    }

    @Override
    public boolean unlock(UserId user, Actor by, Optional<String> requestId) {
        Optional<User> target = directory.findById(user);
        boolean removed = target.map(u -> store.remove(accountKey(u.email()))).orElse(false);
        if (removed) {
            User u = target.get();
            AuditAttempt.by(auditTrail, clock, by, requestId, AuditAction.SESSION_UNLOCK)
                    .target(u.id().value(), u.email().value()).targetDepartment(u.department().map(Department::name))
                    .done(Optional.of(BRUTE_FORCE_RULE), Optional.of("Brute-force block removed."));
        }
        return removed;
    }

    /** Within the window: one more, locked at the limit. Past it (or past a lock): a new window. */
    static Counter next(Optional<Counter> current, Instant now, LoginThrottleSettings.Limit limit) {
        long unaudited = current.map(Counter::unaudited).orElse(0L);
        if (current.isEmpty() || (!current.get().lockedAt(now)
                && (current.get().lockedUntil().isPresent()
                || !now.isBefore(current.get().windowStartedAt().plus(limit.window()))))) {
            return new Counter(1, now, limit.maxFailures() <= 1 ? Optional.of(now.plus(limit.lockDuration()))
                    : Optional.empty(), unaudited);
        }
        Counter counter = current.get();
        int failures = counter.failures() + 1;
        Optional<Instant> lock = counter.lockedUntil().isPresent() ? counter.lockedUntil()
                : failures >= limit.maxFailures() ? Optional.of(now.plus(limit.lockDuration())) : Optional.empty();
        return new Counter(failures, counter.windowStartedAt(), lock, unaudited);
    }

    private static Counter unaudited(Counter counter) {
        return new Counter(counter.failures(), counter.windowStartedAt(), counter.lockedUntil(), counter.unaudited() + 1);
    }

    /** At most once a minute per instance: counters untouched for longer than any window or lock are dropped. */
    private void sweep(Instant now) {
        if (!sweeps.due(now)) {
            return;
        }
        Duration keep = longest(settings.account().window(), settings.account().lockDuration(),
                settings.address().window(), settings.address().lockDuration());
        store.removeUntouchedSince(now.minus(keep));
    }

    static Key accountKey(Email email) {
        return new Key(Kind.ACCOUNT, email.value());
    }

    static Key addressKey(String address) {
        return new Key(Kind.ADDRESS, address == null || address.isBlank() ? "unknown" : address);
    }

    private static Duration longer(Optional<Duration> a, Duration b) {
        return a.filter(d -> d.compareTo(b) >= 0).orElse(b);
    }

    private static Duration longest(Duration... durations) {
        Duration max = Duration.ZERO;
        for (Duration d : durations) {
            max = d.compareTo(max) > 0 ? d : max;
        }
        return max;
    }
}
