package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.auth0.RateLimitedTenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on several instances (each client: GET one user, again and again), then what the tenant saw in
 * the steady part of the run (after {@code warmup}, which the bucket's burst would distort).
 */
final class BudgetLoad {

    record Result(int instances, int clients, Map<Integer, Integer> statuses, int missingRetryAfter,
                  double seconds, int tenantSent, int tenantRefused) {

        double offeredPerSecond() {
            return tenantSent / seconds;
        }

        double acceptedPerSecond() {
            return (tenantSent - tenantRefused) / seconds;
        }

        double refusedShare() {
            return tenantSent == 0 ? 0 : (double) tenantRefused / tenantSent;
        }

        String row() {
            return String.format(java.util.Locale.ROOT, "| %d | %d | %.1f | %.1f | %d | %d | %.1f %% | %s |",
                    instances, clients, offeredPerSecond(), acceptedPerSecond(), tenantSent, tenantRefused,
                    100 * refusedShare(), statuses);
        }
    }

    private BudgetLoad() {
    }

    static Result run(Auth0Instances instances, String path, String token, int clientsPerInstance, Duration warmup,
                      Duration measured) throws InterruptedException {
        int count = instances.contexts.size();
        for (int i = 0; i < count; i++) {
            // Warm the actor cache and the connection look-up of each instance.
            new Http(instances.port(i)).get(path, token);
        }
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger missingRetryAfter = new AtomicInteger();
        AtomicLong windowStart = new AtomicLong();
        long start = System.nanoTime();
        long from = start + warmup.toNanos();
        long end = from + measured.toNanos();
        windowStart.set(from);
        CountDownLatch done = new CountDownLatch(count * clientsPerInstance);
        for (int i = 0; i < count; i++) {
            Http http = new Http(instances.port(i));
            for (int c = 0; c < clientsPerInstance; c++) {
                Thread.ofVirtual().start(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            Http.Response response = http.get(path, token);
                            statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
                            if (response.status() == 503 && response.header("Retry-After") == null) {
                                missingRetryAfter.incrementAndGet();
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
        }
        done.await();
        List<RateLimitedTenant.Call> window = instances.tenant.calls().stream()
                .filter(call -> call.atNanos() >= from && call.atNanos() < end).toList();
        Map<Integer, Integer> seen = new TreeMap<>();
        statuses.forEach((status, n) -> seen.put(status, n.get()));
        return new Result(count, count * clientsPerInstance, seen, missingRetryAfter.get(),
                measured.toNanos() / 1e9, window.size(), (int) window.stream().filter(RateLimitedTenant.Call::refused).count());
    }
}
