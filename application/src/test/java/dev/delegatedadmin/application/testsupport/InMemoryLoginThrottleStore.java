package dev.delegatedadmin.application.testsupport;

import dev.delegatedadmin.application.port.out.LoginThrottleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The throttle counters in a map; synchronized, as the PostgreSQL row lock serialises them. */
public class InMemoryLoginThrottleStore implements LoginThrottleStore {

    private final Map<Key, Counter> counters = new HashMap<>();
    private final Map<Key, Instant> touched = new HashMap<>();
    private final Clock clock;

    public InMemoryLoginThrottleStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Map<Key, Counter> find(List<Key> keys) {
        Map<Key, Counter> found = new LinkedHashMap<>();
        keys.forEach(key -> Optional.ofNullable(counters.get(key)).ifPresent(c -> found.put(key, c)));
        return found;
    }

    @Override
    public synchronized Counter update(Key key, Function<Optional<Counter>, Counter> change) {
        Counter next = change.apply(Optional.ofNullable(counters.get(key)));
        counters.put(key, next);
        touched.put(key, clock.instant());
        return next;
    }

    @Override
    public synchronized void countRefused(Key key) {
        counters.computeIfPresent(key, (k, c) -> new Counter(c.failures(), c.windowStartedAt(), c.lockedUntil(),
                c.unaudited() + 1));
    }

    @Override
    public synchronized boolean remove(Key key) {
        touched.remove(key);
        return counters.remove(key) != null;
    }

    @Override
    public synchronized int removeUntouchedSince(Instant before) {
        List<Key> old = touched.entrySet().stream().filter(e -> e.getValue().isBefore(before)).map(Map.Entry::getKey)
                .toList();
        old.forEach(this::remove);
        return old.size();
    }
}
