package dev.delegatedadmin.bootstrap;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The database's health, checked in the background every {@code interval} and answered from the last result, so
 * that {@code /actuator/health} never waits for the database (Spring Boot's indicator would wait the pool's
 * connection timeout on each call). A check that has not answered within {@code patience} counts as DOWN: the
 * readiness probe turns DOWN a few seconds after the database goes, and UP one interval after it returns.
 */
final class CachedDatabaseHealth implements HealthIndicator, AutoCloseable {

    private static final long IDLE = 0;

    private final DataSource dataSource;
    private final Duration patience;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong checkStartedAt = new AtomicLong(IDLE);
    private volatile Health last = Health.unknown().withDetail("reason", "Not checked yet.").build();

    CachedDatabaseHealth(DataSource dataSource, Duration interval, Duration patience) {
        this.dataSource = dataSource;
        this.patience = patience;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "database-health");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Health health() {
        return last;
    }

    private void tick() {
        long started = checkStartedAt.get();
        if (started != IDLE) {
            if (System.nanoTime() - started > patience.toNanos()) {
                last = Health.down().withDetail("reason", "No answer within " + patience.toMillis() + " ms.").build();
            }
            return; // the previous check is still waiting: do not pile up more
        }
        checkStartedAt.set(System.nanoTime());
        Thread.ofVirtual().name("database-health-check").start(this::check);
    }

    private void check() {
        Health result;
        try (Connection connection = dataSource.getConnection()) {
            int seconds = (int) Math.max(1, patience.toSeconds());
            result = connection.isValid(seconds)
                    ? Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName()).build()
                    : Health.down().withDetail("reason", "The connection is not valid.").build();
        } catch (Exception e) {
            // The exception type only: no connection strings or server messages in health details.
            result = Health.down().withDetail("reason", e.getClass().getSimpleName()).build();
        } finally {
            checkStartedAt.set(IDLE);
        }
        last = result;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
