package dev.delegatedadmin.adapters.auth0.actorcache;

import dev.delegatedadmin.application.port.out.ActorInvalidations;
import dev.delegatedadmin.application.port.out.WriteUsers;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IdP's {@link WriteUsers} as the write use cases see it with an actor cache: each update or delete evicts its
 * target from this instance's {@link CachedActorLookup} and announces it to every other instance. A create changes
 * no cached actor (an unknown id is cached as absent only until its TTL, as before).
 */
public final class AnnouncingUserWrites implements WriteUsers {

    private static final Logger log = LoggerFactory.getLogger(AnnouncingUserWrites.class);

    private final WriteUsers delegate;
    private final CachedActorLookup cache;
    private final ActorInvalidations invalidations;

    public AnnouncingUserWrites(WriteUsers delegate, CachedActorLookup cache, ActorInvalidations invalidations) {
        this.delegate = delegate;
        this.cache = cache;
        this.invalidations = invalidations;
    }

    @Override
    public User create(NewUser user) {
        return delegate.create(user);
    }

    @Override
    public User update(UserId id, UserChanges changes) {
        try {
            return delegate.update(id, changes);
        } finally {
            announce(id);
        }
    }

    @Override
    public void delete(UserId id) {
        try {
            delegate.delete(id);
        } finally {
            announce(id);
        }
    }

    @Override
    public boolean isDatabaseConnection(ConnectionName connection) {
        return delegate.isDatabaseConnection(connection);
    }

    /** Here at once, elsewhere at the next poll; even when the write failed half-way (cheap, and safe). */
    private void announce(UserId id) {
        cache.evict(id);
        try {
            invalidations.publish(id);
        } catch (RuntimeException e) {
            log.warn("Could not announce the write of a user to the other instances: {}", e.toString());
        }
    }
}
