package dev.delegatedadmin.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A closed-loop load generator: {@code clients} virtual threads, each sending its next request when the last one
 * answered. After a warm-up, a measured window bounded by time and by request count; what completes inside the
 * window is counted, and the service's CPU is read at both ends of it, so CPU per request is steady-state.
 */
final class Load {

    record Result(String label, int clients, long requests, double seconds, double p50Millis, double p99Millis,
                  double serviceCpuMillis, double postgresCpuMillis, long issued, Map<Integer, Long> statuses,
                  long retryAfterOn503, Map<String, Double> cpuByThreadKind, String firstError,
                  double harnessCpuMillis) {

        double throughput() {
            return requests / seconds;
        }

        double cpuPerRequest() {
            return serviceCpuMillis / requests;
        }

        /** The service's CPU without its JIT compiler threads: what is left once it is warm. */
        double warmCpuPerRequest() {
            return (serviceCpuMillis - cpuByThreadKind.getOrDefault("JIT", 0.0)) / requests;
        }

        /** This process: the load generator and, when there is one, the Auth0 stub. */
        double harnessCpuPerRequest() {
            return harnessCpuMillis / requests;
        }

        double allInCpuPerRequest() {
            return (serviceCpuMillis + postgresCpuMillis) / requests;
        }

        long failures(int... expected) {
            return statuses.entrySet().stream().filter(e -> Arrays.stream(expected).noneMatch(s -> s == e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    private Load() {
    }

    static Result run(HttpClient client, String label, int clients, Duration warmup, Duration window, int maxRequests,
                      LongFunction<HttpRequest> requests, Service service, String database) throws Exception {
        long[] latencies = new long[maxRequests];
        AtomicInteger measured = new AtomicInteger();
        AtomicLong issued = new AtomicLong();
        AtomicLong retryAfter = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        // 0: warm-up, 1: measured, 2: stop
        AtomicInteger phase = new AtomicInteger();
        Map<String, Double> kinds0;
        java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
        double cpu0;
        double pg0;
        double cpu;
        double pg;
        double harness0;
        double harness;
        long t0;
        long t1;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                executor.submit(() -> {
                    while (phase.get() < 2) {
                        HttpRequest request = requests.apply(issued.getAndIncrement());
                        long start = System.nanoTime();
                        int status;
                        boolean hasRetryAfter;
                        try {
                            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                            status = response.statusCode();
                            hasRetryAfter = response.headers().firstValue("Retry-After").isPresent();
                        } catch (Exception e) {
                            firstError.compareAndSet(null, e.toString());
                            status = -1;
                            hasRetryAfter = false;
                        }
                        long elapsed = System.nanoTime() - start;
                        if (phase.get() == 1) {
                            int i = measured.getAndIncrement();
                            if (i < latencies.length) {
                                latencies[i] = elapsed;
                                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                                if (status == 503 && hasRetryAfter) {
                                    retryAfter.incrementAndGet();
                                }
                            }
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(warmup);
            kinds0 = service.cpuByThreadKind();
            cpu0 = service.cpuMillis();
            pg0 = database == null ? 0 : Service.postgresCpuMillis(database);
            harness0 = Service.cpuMillis(ProcessHandle.current().pid());
            t0 = System.nanoTime();
            phase.set(1);
            long end = t0 + window.toNanos();
            while (System.nanoTime() < end && measured.get() < maxRequests) {
                Thread.sleep(5);
            }
            phase.set(2);
            t1 = System.nanoTime();
            cpu = service.cpuMillis() - cpu0;
            Map<String, Double> kinds = service.cpuByThreadKind();
            kinds0.forEach((k, v) -> kinds.merge(k, -v, Double::sum));
            kinds0 = kinds;
            pg = database == null ? 0 : Service.postgresCpuMillis(database) - pg0;
            harness = Service.cpuMillis(ProcessHandle.current().pid()) - harness0;
        }
        int n = Math.min(measured.get(), maxRequests);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.get()));
        return new Result(label, clients, n, (t1 - t0) / 1e9, percentile(sorted, 0.50), percentile(sorted, 0.99),
                cpu, pg, issued.get(), counts, retryAfter.get(), kinds0, firstError.get(), harness);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
