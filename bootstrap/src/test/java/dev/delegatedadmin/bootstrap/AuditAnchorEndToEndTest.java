package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, item 3: a superuser who deletes the newest audit rows with their seals, or empties the trail, is found by
 * {@code verify} (HTTP) and by {@code verify-audit} (offline), against the checkpoint in DATA_DIR. On the code before
 * the fix both answered {@code intact: true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditAnchorEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-anchor-1";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    private static Path dataDir;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        dataDir = EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("AUDIT_ANCHOR_INTERVAL", () -> "100ms");
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    @Test
    void cutting_off_the_newest_rows_or_emptying_the_trail_is_reported_as_truncated() throws Exception {
        Http http = new Http(port);
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        for (int i = 0; i < 3; i++) {
            Http.Response created = http.post("/api/v1/users", admin,
                    "{\"email\":\"anchor" + i + "@example.com\",\"memberships\":[\"Finance\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        long head = awaitAnchoredHead(http, admin);
        assertThat(cli().status()).isZero();

        // The superuser deletes the newest two seals and the rows they seal, triggers off.
        tamper("""
                delete from audit_outcome where id in (select ref_id from audit_seal where kind = 'outcome' and seq > %1$d);
                delete from audit_event where id in (select ref_id from audit_seal where kind = 'event' and seq > %1$d);
                delete from audit_seal where seq > %1$d;
                """.formatted(head - 2));

        JsonNode cut = http.get("/api/v1/audit-events/verify", admin).json();
        assertThat(cut.get("intact").asBoolean()).as(cut.toString()).isFalse();
        assertThat(cut.get("truncated").asBoolean()).isTrue();
        assertThat(cut.get("missing_from_seq").asLong()).isEqualTo(head - 1);
        assertThat(cut.get("missing_to_seq").asLong()).isEqualTo(head);
        assertThat(cut.get("first_broken").isNull()).isTrue();
        Cli offline = cli();
        assertThat(offline.status()).as(offline.out()).isEqualTo(1);
        assertThat(offline.out()).contains("truncated: true", "missing_seq: " + (head - 1) + " to " + head);

        tamper("delete from audit_outcome; delete from audit_event; delete from audit_seal;");
        JsonNode emptied = http.get("/api/v1/audit-events/verify", admin).json();
        assertThat(emptied.get("sealed_rows").asLong()).isZero();
        assertThat(emptied.get("intact").asBoolean()).isFalse();
        assertThat(emptied.get("missing_from_seq").asLong()).isEqualTo(1);
        assertThat(emptied.get("missing_to_seq").asLong()).isEqualTo(head);
        assertThat(cli().out()).contains("sealed_rows: 0", "missing_seq: 1 to " + head);
    }

    /** Waits until every row is sealed and the head is checkpointed; returns the head's sequence number. */
    private long awaitAnchoredHead(Http http, String admin) throws InterruptedException {
        JsonNode result = await("the head anchored").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/api/v1/audit-events/verify", admin).json(), verified -> {
                    JsonNode anchor = verified.get("anchor");
                    return verified.get("unsealed_rows").asLong() == 0 && anchor != null && !anchor.isNull()
                            && anchor.get("seq").asLong() == verified.get("sealed_rows").asLong();
                });
        JsonNode anchor = result.get("anchor");
        assertThat(result.get("intact").asBoolean()).isTrue();
        assertThat(anchor.get("hash").asString()).isEqualTo(result.get("head_hash").asString());
        return anchor.get("seq").asLong();
    }

    private record Cli(int status, String out) {
    }

    private static Cli cli() {
        TestDatabase.ConnectionInfo info = TestDatabase.connectionInfo(DATABASE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new java.util.HashMap<>();
        env.put("DATABASE_URL", info.url());
        env.put("DATABASE_USER", info.user());
        if (info.password() != null) {
            env.put("DATABASE_PASSWORD", info.password());
        }
        int status = VerifyAuditCommand.run(new String[] {"--anchor", dataDir.resolve("audit-anchors.ndjson").toString()},
                env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    private static void tamper(String sql) throws SQLException {
        try (Connection connection = DATABASE.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.execute(sql);
            statement.execute("set session_replication_role = origin");
        }
    }
}
