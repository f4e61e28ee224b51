package dev.delegatedadmin.adapters.persistence.ratebudget;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.port.out.RateBudget;
import dev.delegatedadmin.application.port.out.RateBudget.Grant;
import dev.delegatedadmin.application.port.out.RateBudget.Limit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared bucket on real PostgreSQL: two instances (two stores, one database) share one budget. */
public class JooqRateBudgetTest {

    private static final Limit LIMIT = new Limit(20, 10);

    private DSLContext db;

    @BeforeEach
    void freshDatabase() {
        db = Databases.migrated();
    }

    @Test
    void a_new_bucket_starts_full_and_then_refills_at_the_rate() throws InterruptedException {
        RateBudget budget = new JooqRateBudget(db);
        Limit slow = new Limit(2, 10);
        assertThat(budget.take("tenant", 6, slow).permits()).isEqualTo(6);
        assertThat(budget.take("tenant", 6, slow).permits()).isEqualTo(4);
        Grant empty = budget.take("tenant", 6, slow);
        assertThat(empty.permits()).isZero();
        assertThat(empty.retryIn()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
        Thread.sleep(1_000);
        // 1 s at 2/s: about 2 permits back (a slow database adds a little).
        assertThat(budget.take("tenant", 10, slow).permits()).isBetween(2, 4);
        assertThat(budget.take("other-tenant", 10, slow).permits()).isEqualTo(10);
    }

    @Test
    void two_instances_never_take_more_than_rate_times_window_plus_burst() throws InterruptedException {
        RateBudget first = new JooqRateBudget(db);
        RateBudget second = new JooqRateBudget(db);
        ConcurrentLinkedQueue<Long> takenAt = new ConcurrentLinkedQueue<>();
        // The bucket's time is the database's, somewhere within the call: windows here are that much uncertain.
        AtomicLong slowestTake = new AtomicLong();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(2).toNanos();
        CountDownLatch done = new CountDownLatch(4);
        List<Thread> threads = new ArrayList<>();
        for (RateBudget budget : List.of(first, second, first, second)) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long before = System.nanoTime();
                        Grant grant = budget.take("tenant", 3, LIMIT);
                        long now = System.nanoTime();
                        slowestTake.accumulateAndGet(now - before, Math::max);
                        for (int i = 0; i < grant.permits(); i++) {
                            takenAt.add(now - start);
                        }
                        if (grant.permits() == 0) {
                            Thread.sleep(Math.max(1, grant.retryIn().toMillis()));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }));
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        double elapsed = (System.nanoTime() - start) / 1e9;

        // Over the whole run and every window within it: at most burst + rate x window.
        assertThat(takenAt.size()).isLessThanOrEqualTo((int) (LIMIT.burst() + LIMIT.perSecond() * elapsed) + 1);
        List<Long> sorted = takenAt.stream().sorted().toList();
        long window = Duration.ofMillis(500).toNanos();
        double uncertain = 0.5 + slowestTake.get() / 1e9;
        for (int i = 0; i < sorted.size(); i++) {
            int j = i;
            while (j < sorted.size() && sorted.get(j) - sorted.get(i) < window) {
                j++;
            }
            assertThat(j - i).as("permits in the 500 ms from %d ns", sorted.get(i))
                    .isLessThanOrEqualTo(LIMIT.burst() + (int) Math.ceil(LIMIT.perSecond() * uncertain) + 1);
        }
        // And the budget was actually used: close to burst + rate x elapsed.
        assertThat(takenAt.size()).isGreaterThanOrEqualTo((int) (LIMIT.perSecond() * elapsed * 0.8));
    }

    @Test
    void a_refusal_empties_the_bucket_for_every_instance_until_the_reset() throws InterruptedException {
        RateBudget first = new JooqRateBudget(db);
        RateBudget second = new JooqRateBudget(db);
        Limit slow = new Limit(2, 10);
        assertThat(first.take("tenant", 1, slow).permits()).isEqualTo(1);

        second.exhaust("tenant", Duration.ofMillis(800));

        Grant refused = first.take("tenant", 5, slow);
        assertThat(refused.permits()).isZero();
        // Blocked for the 800 ms, then half a second for the first permit at 2/s.
        assertThat(refused.retryIn()).isBetween(Duration.ofMillis(900), Duration.ofMillis(1_300));
        // A shorter refusal does not shorten a longer one.
        first.exhaust("tenant", Duration.ofMillis(10));
        Grant stillRefused = second.take("tenant", 5, slow);
        assertThat(stillRefused.permits()).isZero();
        assertThat(stillRefused.retryIn()).isGreaterThan(Duration.ofMillis(700));
        Thread.sleep(stillRefused.retryIn().toMillis() + 50);
        assertThat(second.take("tenant", 5, slow).permits()).isBetween(1, 2);
    }
}
