package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.user.UserId;
import java.time.Duration;
import java.util.List;

/** "Forget what you cached about this user", shared by every instance (the actor cache's eviction). */
public interface ActorInvalidations {

    /** One published invalidation; ids grow, though a later id may become visible a moment before an earlier one. */
    record Invalidation(long id, UserId user) {
    }

    void publish(UserId user);

    /** The newest id so far (0 when none): where a starting instance begins to listen. */
    long latestId();

    /** Invalidations with an id above {@code afterId} or published within {@code lookback}, oldest first. */
    List<Invalidation> recent(long afterId, Duration lookback);

    /** Drops invalidations older than {@code age}: nobody needs them any more. */
    void sweep(Duration age);
}
