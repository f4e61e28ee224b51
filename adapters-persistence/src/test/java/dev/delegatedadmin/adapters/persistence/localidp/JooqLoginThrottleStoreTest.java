package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import dev.delegatedadmin.adapters.persistence.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.port.out.LoginThrottleStore.Counter;
import dev.delegatedadmin.application.port.out.LoginThrottleStore.Key;
import dev.delegatedadmin.application.port.out.LoginThrottleStore.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The counters live in PostgreSQL: two stores (two instances) over one database count on the same rows. */
public class JooqLoginThrottleStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final javax.sql.DataSource database = Databases.migratedDataSource();
    private final MutableClock clock = new MutableClock(T0);
    private final JooqLoginThrottleStore one = new JooqLoginThrottleStore(dsl(), clock);
    private final JooqLoginThrottleStore other = new JooqLoginThrottleStore(dsl(), clock);

    private DSLContext dsl() {
        return DSL.using(database, SQLDialect.POSTGRES);
    }

    @Test
    void two_instances_count_on_one_row_without_losing_an_update() throws Exception {
        Key key = new Key(Kind.ACCOUNT, "kelly@example.com");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                JooqLoginThrottleStore store = i % 2 == 0 ? one : other;
                done.add(pool.submit(() -> store.update(key, current -> new Counter(
                        current.map(Counter::failures).orElse(0) + 1, T0, Optional.empty(), 0))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(other.find(List.of(key)).get(key).failures()).isEqualTo(40);
    }

    @Test
    void find_refuse_remove_and_sweep() {
        Key account = new Key(Kind.ACCOUNT, "kelly@example.com");
        Key address = new Key(Kind.ADDRESS, "192.0.2.1");
        Instant until = T0.plus(Duration.ofMinutes(15));
        one.update(account, current -> new Counter(10, T0, Optional.of(until), 8));
        one.countRefused(account);
        one.countRefused(address); // no row: nothing
        assertThat(other.find(List.of(account, address))).containsOnlyKeys(account);
        Counter stored = other.find(List.of(account)).get(account);
        assertThat(stored).isEqualTo(new Counter(10, T0, Optional.of(until), 9));
        assertThat(stored.lockedAt(T0.plusSeconds(60))).isTrue();
        assertThat(stored.lockedAt(until)).isFalse();

        clock.set(T0.plus(Duration.ofMinutes(1)));
        one.update(address, current -> new Counter(1, T0, Optional.empty(), 0));
        assertThat(one.removeUntouchedSince(T0.plusSeconds(30))).isEqualTo(1);
        assertThat(one.find(List.of(account, address))).containsOnlyKeys(address);
        assertThat(other.remove(address)).isTrue();
        assertThat(other.remove(address)).isFalse();
    }
}
