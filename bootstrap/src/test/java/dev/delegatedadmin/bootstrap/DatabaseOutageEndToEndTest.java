package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database refuses connections in the middle of the test (ALLOW_CONNECTIONS false and every backend
 * terminated): every endpoint answers 503 problem+json with Retry-After, never 500, and all recover after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-outage-3391";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    private static final String NAME = TestDatabase.connectionInfo(DATABASE).url().replaceAll("^.*/([^/?]+).*$", "$1");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("DATABASE_CONNECTION_TIMEOUT", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Test
    void every_endpoint_answers_503_with_retry_after_while_the_database_is_away_then_recovers() throws Exception {
        Http http = new Http(port);
        RawHttp raw = new RawHttp(port);
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        Http.Response created = http.post("/api/v1/users", admin, """
                {"email":"before.outage@example.com","password":"Before-pass-1","memberships":["Finance"]}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String userPath = created.header("Location");

        Duration untilReady = waitFor(http, "/actuator/health/readiness", 200, Duration.ofSeconds(10));
        assertThat(untilReady).isLessThan(Duration.ofSeconds(10));

        Map<String, Integer> seen = new LinkedHashMap<>();
        refuseConnections(true);
        try {
            Duration untilDown = waitFor(http, "/actuator/health/readiness", 503, Duration.ofSeconds(10));
            assertThat(untilDown).isLessThanOrEqualTo(Duration.ofSeconds(5));
            assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                long asked = System.nanoTime();
                Http.Response health = http.get("/actuator/health", null);
                assertThat(health.status()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(1));
            }
            System.out.println("Readiness DOWN after " + untilDown.toMillis() + " ms");
            List<RawHttp.Response> responses = new ArrayList<>();
            long started = System.nanoTime();
            responses.add(raw.send("POST", "/api/v1/users", admin, "application/json",
                    "{\"email\":\"during.outage@example.com\",\"password\":\"During-pass-1\",\"memberships\":[\"Finance\"]}"));
            responses.add(raw.send("PATCH", userPath.replace("%7C", "|"), admin, "application/merge-patch+json", "{\"blocked\":true}"));
            responses.add(raw.send("DELETE", userPath, admin));
            responses.add(raw.send("GET", userPath, admin));
            responses.add(raw.send("GET", "/api/v1/users", admin));
            responses.add(raw.send("GET", "/api/v1/audit-events", admin));
            responses.add(raw.send("GET", "/api/v1/audit-events", Map.of("Authorization", "Bearer " + admin,
                    "Accept", "text/csv"), null, null));
            responses.add(raw.send("GET", "/api/v1/audit-events", Map.of("Authorization", "Bearer " + admin,
                    "Accept", "application/x-ndjson"), null, null));
            responses.add(raw.send("GET", "/api/v1/audit-events/verify", admin));
            responses.add(raw.send("GET", "/api/v1/policies", admin));
            responses.add(raw.send("GET", "/api/v1/policies/versions", admin));
            responses.add(raw.send("POST", "/api/v1/session", (String) null, "application/json",
                    "{\"email\":\"admin@localhost\",\"password\":\"" + ADMIN_PASSWORD + "\"}"));
            for (RawHttp.Response response : responses) {
                seen.merge(Integer.toString(response.status()), 1, Integer::sum);
            }
            for (RawHttp.Response response : responses) {
                if (response.status() == 200) {
                    continue; // answered from a cache (the active policy, the caller): fine, but not a 500
                }
                ErrorEdgeEndToEndTest.problem(response, 503);
                assertThat(response.header("Retry-After")).as(response.body()).isNotBlank();
            }
            assertThat(seen).doesNotContainKey("500");
            // The pool's wait is bounded (1 s here): twelve requests in well under Hikari's default 30 s each.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        } finally {
            refuseConnections(false);
        }
        Duration untilUp = waitFor(http, "/actuator/health/readiness", 200, Duration.ofSeconds(10));
        assertThat(untilUp).isLessThanOrEqualTo(Duration.ofSeconds(5));
        System.out.println("Readiness UP after " + untilUp.toMillis() + " ms");

        Http.Response after = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            after = http.get("/api/v1/audit-events", admin);
            if (after.status() == 200) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        Http.Response write = http.post("/api/v1/users", admin, """
                {"email":"after.outage@example.com","password":"After-pass-1","memberships":["Finance"]}""");
        assertThat(write.status()).as(write.body()).isEqualTo(201);
        System.out.println("Database outage, statuses seen: " + seen);
    }

    /** How long until {@code path} answers {@code status} (polled every 100 ms), at most {@code limit}. */
    private static Duration waitFor(Http http, String path, int status, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            if (http.get(path, null).status() == status) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        return limit;
    }

    /** Refuses new connections to the test's database and ends the existing ones, as a failover would. */
    private static void refuseConnections(boolean refuse) throws SQLException {
        try (Connection connection = TestDatabase.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("alter database " + NAME + " allow_connections " + !refuse);
            if (refuse) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + NAME + "'");
            }
        }
    }
}
