package dev.delegatedadmin.adapters.auth0.actorcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The IdP's {@link LoadUsers} as actor resolution sees it, cached for a short time: with Auth0 every request would
 * otherwise spend one Management API call just to learn who the caller is. Only actor resolution uses this view;
 * reads and writes of users always go to the IdP. An entry is forgotten when this service writes the user on any
 * instance ({@link AnnouncingUserWrites} here, {@link ActorInvalidationListener} elsewhere); a change made elsewhere
 * (the Auth0 dashboard) applies after at most {@code ttl}, or {@link #forWrites} for write requests. While the invalidations cannot be read, nothing cached
 * is trusted ({@link #trustUntil}).
 */
public final class CachedActorLookup implements LoadUsers {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<User> user, Instant readAt) {
    }

    /** What every view of one cache shares. */
    private static final class Shared {
        final Cache<UserId, Entry> cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
        /** Bumped by every eviction: a read that raced one is not kept (it may be older than the write). */
        final AtomicLong evictions = new AtomicLong();
        volatile Instant trustedUntil = Instant.MAX;
    }

    private final LoadUsers delegate;
    private final Duration ttl;
    private final Clock clock;
    private final Shared shared;

    public CachedActorLookup(LoadUsers delegate, Duration ttl, Clock clock) {
        this(delegate, ttl, clock, new Shared());
    }

    private CachedActorLookup(LoadUsers delegate, Duration ttl, Clock clock, Shared shared) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        this.shared = shared;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return lookup(id, ttl);
    }

    /** The same cache, whose entries count only when younger than {@code maxAge} (and the TTL). */
    public CachedActorLookup forWrites(Duration maxAge) {
        return new CachedActorLookup(delegate, maxAge.compareTo(ttl) < 0 ? maxAge : ttl, clock, shared);
    }

    private Optional<User> lookup(UserId id, Duration maxAge) {
        Instant now = clock.instant();
        Entry entry = shared.cache.getIfPresent(id);
        if (entry != null && entry.readAt().plus(maxAge).isAfter(now) && now.isBefore(shared.trustedUntil)) {
            return entry.user();
        }
        long generation = shared.evictions.get();
        Optional<User> user = delegate.findById(id);
        if (shared.evictions.get() == generation) {
            shared.cache.put(id, new Entry(user, now));
        }
        return user;
    }

    void evict(UserId id) {
        shared.evictions.incrementAndGet();
        shared.cache.invalidate(id);
    }

    void evictAll() {
        shared.evictions.incrementAndGet();
        shared.cache.invalidateAll();
    }

    /** Entries are served only until then: the listener moves it on after each successful poll. */
    void trustUntil(Instant until) {
        shared.trustedUntil = until;
    }
}
