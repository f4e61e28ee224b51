package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 11 item 3's measurement, never part of the normal test run (the name does not end in Test): the latency of
 * {@code GET /api/v1/users} (as an administrator) alone, then during 50 clients sending wrong passwords, on loopback.
 * {@code -Dflood.mode=}: {@code unprotected} (limits out of reach and 64 concurrent Argon2 checks: what main did),
 * {@code default} (the shipped settings) or {@code checks-only} (no address limit, a new email per attempt: only
 * the bound on concurrent password checks protects the API).
 * <pre>./mvnw -B -ntp -o -pl bootstrap -am verify -Dtest=LoginFloodBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dflood.mode=default</pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginFloodBenchmark {

    private static final String MODE = System.getProperty("flood.mode", "default");
    private static final String ADMIN_PASSWORD = "Admin-pass-flood-1";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    private static final int CLIENTS = 50;
    private static final Duration PHASE = Duration.ofSeconds(Long.getLong("flood.seconds", 15));

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        if (!MODE.equals("default")) {
            registry.add("LOGIN_ADDRESS_MAX_FAILURES", () -> "100000000");
        }
        if (MODE.equals("unprotected")) {
            registry.add("LOGIN_MAX_FAILURES", () -> "100000000");
            registry.add("LOGIN_MAX_CONCURRENT_CHECKS", () -> "64");
            registry.add("LOGIN_CHECK_WAIT", () -> "30s");
        }
    }

    @LocalServerPort
    int port;

    @Test
    void users_latency_during_a_wrong_password_flood() throws Exception {
        Http http = new Http(port);
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        for (int i = 0; i < 30; i++) {
            assertThat(http.post("/api/v1/users", admin, """
                    {"email":"user%d@example.com","password":"User-pass-flood-%d","memberships":["Finance"]}"""
                    .formatted(i, i)).status()).isEqualTo(201);
        }
        measure(http, admin, Duration.ofSeconds(3)); // warm-up
        List<Long> alone = measure(http, admin, PHASE);

        AtomicBoolean flooding = new AtomicBoolean(true);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            pool.submit(() -> {
                Http client = new Http(port);
                while (flooding.get()) {
                    int n = ThreadLocalRandom.current().nextInt(30);
                    String email = MODE.equals("checks-only") ? "guess" + System.nanoTime() + "@example.com"
                            : "user" + n + "@example.com";
                    int status = client.post("/api/v1/session", null,
                            "{\"email\":\"" + email + "\",\"password\":\"wrong-password-x\"}").status();
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
                return null;
            });
        }
        Thread.sleep(1_000);
        List<Long> during = measure(http, admin, PHASE);
        flooding.set(false);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);

        Map<Integer, Long> counted = new TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.sum()));
        System.out.printf("%nFLOOD mode=%s cores=%d%n  GET /api/v1/users alone:  %s%n  during the flood:        %s%n"
                        + "  login answers during %ss + 1s: %s%n%n", MODE, Runtime.getRuntime().availableProcessors(),
                summary(alone), summary(during), PHASE.toSeconds(), counted);
    }

    private static List<Long> measure(Http http, String admin, Duration phase) {
        List<Long> micros = new ArrayList<>();
        long end = System.nanoTime() + phase.toNanos();
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            Http.Response response = http.get("/api/v1/users?per_page=50", admin);
            micros.add((System.nanoTime() - start) / 1_000);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        return micros;
    }

    private static String summary(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return "n=%d p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms".formatted(sorted.size(), at(sorted, 0.50),
                at(sorted, 0.95), at(sorted, 0.99), sorted.getLast() / 1000.0);
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1000.0;
    }
}
