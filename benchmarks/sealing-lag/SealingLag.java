// Load for benchmarks/sealing-lag.sh: RATE user creations per second in total for SECONDS seconds, round robin over
// the given base URLs (loopback), each instance's own admin token. Bounded: RATE*SECONDS requests at most, 64 in flight.
// Usage: java SealingLag.java RATE SECONDS PASSWORD URL...
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

public class SealingLag {
    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        String password = args[2];
        int n = args.length - 3;
        String[] urls = new String[n];
        String[] tokens = new String[n];
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < n; i++) {
            urls[i] = args[3 + i];
            String body = "{\"email\":\"admin@localhost\",\"password\":\"" + password + "\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(urls[i] + "/api/v1/session"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("login " + urls[i] + ": " + r.statusCode() + " " + r.body());
            tokens[i] = r.body().replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        }
        long total = (long) rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        Semaphore inFlight = new Semaphore(64);
        ConcurrentHashMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger dropped = new AtomicInteger();
        String run = Long.toString(System.currentTimeMillis(), 36);
        long start = System.nanoTime();
        for (long k = 0; k < total; k++) {
            long due = start + k * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            if (!inFlight.tryAcquire()) { dropped.incrementAndGet(); continue; }
            int i = (int) (k % n);
            String body = "{\"email\":\"u" + run + "-" + k + "@example.com\",\"memberships\":[\"Finance\"]}";
            http.sendAsync(HttpRequest.newBuilder(URI.create(urls[i] + "/api/v1/users")).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + tokens[i])
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        inFlight.release();
                        statuses.computeIfAbsent(e == null ? r.statusCode() : -1, s -> new AtomicInteger()).incrementAndGet();
                    });
        }
        inFlight.acquire(64);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("sent %d in %.1f s (%.1f/s), dropped (64 in flight) %d, statuses %s%n",
                total - dropped.get(), elapsed, (total - dropped.get()) / elapsed, dropped.get(), statuses);
    }
}
