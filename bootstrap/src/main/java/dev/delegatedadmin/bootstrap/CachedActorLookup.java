package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.application.port.out.IdentityProvider;
import dev.delegatedadmin.application.port.out.UserPage;
import dev.delegatedadmin.application.port.out.UserSearch;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IdP as actor resolution sees it, with {@code findById} cached for a short time: with Auth0 every request
 * would otherwise spend one Management API call just to learn who the caller is. Only actor resolution uses this
 * view; reads and writes of users always go to the IdP. A moved, demoted or blocked administrator keeps their
 * rights for at most {@code ttl}.
 */
final class CachedActorLookup implements IdentityProvider {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<User> user, Instant expires) {
    }

    private final IdentityProvider delegate;
    private final Duration ttl;
    private final Clock clock;
    private final Map<UserId, Entry> cache = new ConcurrentHashMap<>();

    CachedActorLookup(IdentityProvider delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Optional<User> findById(UserId id) {
        Instant now = clock.instant();
        Entry entry = cache.get(id);
        if (entry != null && entry.expires().isAfter(now)) {
            return entry.user();
        }
        Optional<User> user = delegate.findById(id);
        if (cache.size() >= MAX_ENTRIES) {
            cache.values().removeIf(e -> !e.expires().isAfter(now));
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
        }
        cache.put(id, new Entry(user, now.plus(ttl)));
        return user;
    }

    @Override
    public User create(NewUser user) {
        return delegate.create(user);
    }

    @Override
    public UserPage search(UserSearch search) {
        return delegate.search(search);
    }

    @Override
    public User update(UserId id, UserChanges changes) {
        cache.remove(id);
        return delegate.update(id, changes);
    }

    @Override
    public void delete(UserId id) {
        cache.remove(id);
        delegate.delete(id);
    }

    @Override
    public boolean isDatabaseConnection(ConnectionName connection) {
        return delegate.isDatabaseConnection(connection);
    }
}
