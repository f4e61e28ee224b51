package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12, item 6: twelve CSV exports whose clients never read do not take the service down. Before the fix they
 * held the whole connection pool and {@code GET /api/v1/me} answered 503 after 30 s; now a caller runs at most two
 * (the rest get 429 with Retry-After), and a stalled one is failed by the write timeout, freeing its slot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StalledExportsEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-stalled-1";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("HTTP_CONNECTION_TIMEOUT", () -> "3s");
    }

    @LocalServerPort
    int port;

    @Test
    void twelve_stalled_exports_leave_the_api_answering() throws Exception {
        // Far more CSV than socket buffers hold, so that an export blocks on a client that does not read.
        try (Connection connection = DATABASE.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into audit_event (occurred_at, request_id, actor_id, action, decision, status, message)"
                    + " select now(), 'bulk-' || g, 'local|bulk', 'user.update', 'allowed', 'succeeded', repeat('x', 400)"
                    + " from generate_series(1, 60000) g");
        }
        Http http = new Http(port);
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        assertThat(http.get("/api/v1/me", admin).status()).isEqualTo(200);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                OutputStream out = socket.getOutputStream();
                out.write(("GET /api/v1/audit-events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\n"
                        + "Authorization: Bearer " + admin + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(socket);
            }
            // Until the twelve are answered (429) or blocked on their full socket buffers (two).
            Thread.sleep(1500);

            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                Http.Response me = http.get("/api/v1/me", admin);
                assertThat(me.status()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            }
            HttpResponse<String> refused = export(admin);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

            // The write timeout fails the stalled exports, and their slots are free again.
            await().pollDelay(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(32))
                    .untilAsserted(() -> assertThat(export(admin).statusCode()).isEqualTo(200));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private HttpResponse<String> export(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/audit-events?actor=nobody")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "text/csv").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
