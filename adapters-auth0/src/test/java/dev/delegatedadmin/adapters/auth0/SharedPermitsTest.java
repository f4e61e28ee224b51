package dev.delegatedadmin.adapters.auth0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.port.out.RateBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Batches, the bounded queue and the shared 429, against a budget that counts what it is asked. */
class SharedPermitsTest {

    private static final RateBudget.Limit LIMIT = new RateBudget.Limit(15, 15);

    /** Grants {@code available} permits in total, then none for a long time. */
    static final class CountingBudget implements RateBudget {
        final AtomicInteger takes = new AtomicInteger();
        final List<Duration> exhausted = new ArrayList<>();
        private int available;

        CountingBudget(int available) {
            this.available = available;
        }

        @Override
        public synchronized Grant take(String key, int wanted, Limit limit) {
            takes.incrementAndGet();
            int granted = Math.min(wanted, available);
            available -= granted;
            return new Grant(granted, granted > 0 ? Duration.ZERO : Duration.ofSeconds(30));
        }

        @Override
        public synchronized void exhaust(String key, Duration duration) {
            exhausted.add(duration);
        }
    }

    private final List<Duration> sleeps = new ArrayList<>();

    @Test
    void permits_are_taken_from_the_shared_budget_a_batch_at_a_time() {
        CountingBudget budget = new CountingBudget(100);
        SharedPermits permits = permits(budget, 5);

        for (int i = 0; i < 20; i++) {
            permits.acquire();
        }

        assertThat(budget.takes).hasValue(4);
        assertThat(SharedPermits.defaultBatch(LIMIT)).isEqualTo(3);
        assertThat(SharedPermits.defaultBatch(new RateBudget.Limit(2, 10))).isEqualTo(1);
    }

    @Test
    void a_caller_who_would_wait_beyond_the_bound_gets_a_503_with_retry_after_at_once() {
        SharedPermits permits = permits(new CountingBudget(1), 5);
        permits.acquire();

        assertThatThrownBy(permits::acquire).isInstanceOfSatisfying(IdentityProviderException.class, e -> {
            assertThat(e.unavailable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a_429_is_shared_and_the_local_batch_is_dropped() {
        CountingBudget budget = new CountingBudget(100);
        SharedPermits permits = permits(budget, 5);
        permits.acquire();

        permits.refused(Duration.ofSeconds(2));

        assertThat(budget.exhausted).containsExactly(Duration.ofSeconds(2));
        permits.acquire();
        // It waited out its own 429 before asking the budget again, and the four left of the batch were dropped.
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.getFirst()).isBetween(Duration.ofMillis(1_500), Duration.ofSeconds(2));
        assertThat(budget.takes).hasValue(2);
    }

    @Test
    void when_the_store_fails_calls_go_through() {
        RateBudget broken = new RateBudget() {
            @Override
            public Grant take(String key, int wanted, Limit limit) {
                throw new IllegalStateException("database down");
            }

            @Override
            public void exhaust(String key, Duration duration) {
                throw new IllegalStateException("database down");
            }
        };
        SharedPermits permits = permits(broken, 5);

        permits.acquire();
        permits.refused(Duration.ZERO);
        permits.acquire();
    }

    private SharedPermits permits(RateBudget budget, int batch) {
        return new SharedPermits(budget, "auth0:tenant", LIMIT, batch, Duration.ofMinutes(1), Duration.ofSeconds(5),
                duration -> {
                    sleeps.add(duration);
                    Thread.sleep(duration);
                });
    }
}
