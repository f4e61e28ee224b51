package dev.delegatedadmin.adapters.auth0;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.delegatedadmin.domain.user.ConnectionName;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Whether a connection is a database connection, remembered for {@code ttl}. Bounded: the names come from
 * requests, so a client sending a new name each time must not grow it without end. Time is read from the
 * adapter's clock so that tests can move it.
 */
final class ConnectionCache {

    static final int MAX_ENTRIES = 1_000;

    private final Cache<ConnectionName, Boolean> databases;

    ConnectionCache(Duration ttl, Clock clock) {
        this.databases = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(ttl)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** The remembered answer, else {@code lookUp}'s (remembered; a failing look-up is not). */
    boolean isDatabase(ConnectionName connection, Predicate<ConnectionName> lookUp) {
        Boolean known = databases.getIfPresent(connection);
        if (known != null) {
            return known;
        }
        boolean database = lookUp.test(connection);
        databases.put(connection, database);
        return database;
    }

    /** Entries held now, after pending evictions (tests). */
    long size() {
        databases.cleanUp();
        return databases.estimatedSize();
    }
}
