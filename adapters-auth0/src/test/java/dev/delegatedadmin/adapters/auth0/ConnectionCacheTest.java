package dev.delegatedadmin.adapters.auth0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.testsupport.MutableClock;
import dev.delegatedadmin.domain.user.ConnectionName;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ConnectionCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicInteger lookUps = new AtomicInteger();
    private final Predicate<ConnectionName> tenant = name -> {
        lookUps.incrementAndGet();
        return name.equals(ConnectionName.DEFAULT_DATABASE);
    };
    private final ConnectionCache cache = new ConnectionCache(Duration.ofMinutes(10), clock);

    @Test
    void an_answer_is_remembered_for_the_ttl_then_read_again() {
        assertThat(cache.isDatabase(ConnectionName.DEFAULT_DATABASE, tenant)).isTrue();
        clock.advance(Duration.ofMinutes(9));
        assertThat(cache.isDatabase(ConnectionName.DEFAULT_DATABASE, tenant)).isTrue();
        assertThat(lookUps).hasValue(1);

        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.isDatabase(ConnectionName.DEFAULT_DATABASE, tenant)).isTrue();
        assertThat(lookUps).hasValue(2);
    }

    @Test
    void a_failing_look_up_is_not_remembered() {
        assertThatThrownBy(() -> cache.isDatabase(ConnectionName.DEFAULT_DATABASE, name -> {
            throw new IllegalStateException("tenant down");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(cache.isDatabase(ConnectionName.DEFAULT_DATABASE, tenant)).isTrue();
        assertThat(lookUps).hasValue(1);
    }

    @Test
    void names_from_requests_cannot_grow_it_without_bound() {
        for (int i = 0; i < ConnectionCache.MAX_ENTRIES * 3; i++) {
            cache.isDatabase(new ConnectionName("made-up-" + i), tenant);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(ConnectionCache.MAX_ENTRIES);
    }
}
