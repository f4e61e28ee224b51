package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import dev.delegatedadmin.adapters.persistence.testsupport.MutableClock;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_OUTCOME;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_SEAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.delegatedadmin.adapters.persistence.audit.AuditAnchor.Checkpoint;
import dev.delegatedadmin.domain.audit.AuditVerification;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain's head anchored outside the database: a cut-off or emptied trail no longer verifies. */
public class AuditAnchorTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dataDir;

    private DSLContext db;
    private JooqAuditTrail trail;
    private AuditSealer sealer;
    private AuditAnchor anchor;
    private AuditCheckpoints checkpoints;

    @BeforeEach
    void freshDatabase() {
        db = Databases.migrated();
        anchor = new AuditAnchor(dataDir.resolve(AuditAnchor.FILE_NAME),
                AuditAnchor.key("", dataDir.resolve(AuditAnchor.KEY_FILE_NAME)));
        AuditInstance instance = new AuditInstance(db);
        trail = new JooqAuditTrail(db, new MutableClock(T0), instance, Optional.of(anchor));
        sealer = new AuditSealer(db, 50);
        checkpoints = new AuditCheckpoints(db, anchor, Optional.empty(), new MutableClock(T0), instance::id);
    }

    @Test
    void a_checkpoint_is_written_when_the_head_moved_and_signed_with_a_key_kept_outside_the_database() throws Exception {
        assertThat(checkpoints.checkpoint()).as("nothing sealed yet").isEmpty();
        writeEvents(4);
        sealer.sealPending();

        Checkpoint first = checkpoints.checkpoint().orElseThrow();
        assertThat(first.seq()).isEqualTo(6);
        assertThat(checkpoints.checkpoint()).as("the head did not move").isEmpty();
        writeEvents(1);
        sealer.sealPending();
        assertThat(checkpoints.checkpoint()).hasValueSatisfying(c -> assertThat(c.seq()).isEqualTo(7));

        assertThat(Files.readAllLines(anchor.file())).hasSize(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(anchor.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(AuditAnchor.KEY_FILE_NAME))))
                .isEqualTo("rw-------");
        AuditVerification result = trail.verify();
        assertThat(result.intact()).as("%s", result).isTrue();
        assertThat(result.anchor()).hasValueSatisfying(a -> assertThat(a.sequence()).isEqualTo(7));
        // Another key does not accept these checkpoints: a forged line is ignored.
        AuditAnchor otherKey = new AuditAnchor(anchor.file(), "another-key-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8));
        assertThat(otherKey.latest()).isEmpty();
    }

    @Test
    void deleting_the_newest_events_outcomes_and_seals_is_reported_as_truncated() {
        writeEvents(6);
        sealer.sealPending();
        writeEvents(4);
        sealer.sealPending();
        Checkpoint anchored = checkpoints.checkpoint().orElseThrow();
        assertThat(anchored.seq()).isEqualTo(15);

        // Seals 11 to 15: the newest three events and two outcomes, deleted with their seals.
        long keepUpTo = 10;
        asSuperuser(tx -> {
            List<Long> events = tx.select(AUDIT_SEAL.REF_ID).from(AUDIT_SEAL)
                    .where(AUDIT_SEAL.SEQ.gt(keepUpTo), AUDIT_SEAL.KIND.eq(AuditHashes.EVENT)).fetch(AUDIT_SEAL.REF_ID);
            List<Long> outcomes = tx.select(AUDIT_SEAL.REF_ID).from(AUDIT_SEAL)
                    .where(AUDIT_SEAL.SEQ.gt(keepUpTo), AUDIT_SEAL.KIND.eq(AuditHashes.OUTCOME)).fetch(AUDIT_SEAL.REF_ID);
            tx.deleteFrom(AUDIT_OUTCOME).where(AUDIT_OUTCOME.ID.in(outcomes)).execute();
            tx.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.ID.in(events)).execute();
            tx.deleteFrom(AUDIT_SEAL).where(AUDIT_SEAL.SEQ.gt(keepUpTo)).execute();
        });

        AuditVerification result = trail.verify();
        assertThat(result.firstBroken()).as("what is left is a valid chain").isEmpty();
        assertThat(result.intact()).isFalse();
        assertThat(result.truncated()).hasValue(new AuditVerification.Truncation(11, 15));
        assertThat(result.unsealed()).isZero();
        // The anchor does not follow the shortened chain, even once it grows past the old head again.
        writeEvents(8);
        sealer.sealPending();
        assertThat(checkpoints.checkpoint()).isEmpty();
        assertThat(trail.verify().firstBroken()).hasValueSatisfying(broken -> {
            assertThat(broken.sequence()).isEqualTo(15);
            assertThat(broken.reason()).contains("anchored checkpoint");
        });
    }

    @Test
    void an_emptied_trail_is_reported_as_truncated() {
        writeEvents(4);
        sealer.sealAll();
        checkpoints.checkpoint().orElseThrow();

        asSuperuser(tx -> {
            tx.deleteFrom(AUDIT_OUTCOME).execute();
            tx.deleteFrom(AUDIT_EVENT).execute();
            tx.deleteFrom(AUDIT_SEAL).execute();
        });

        AuditVerification result = trail.verify();
        assertThat(result.sealedRows()).isZero();
        assertThat(result.intact()).isFalse();
        assertThat(result.truncated()).hasValue(new AuditVerification.Truncation(1, 6));
    }

    @Test
    void each_checkpoint_is_posted_to_the_anchor_url_and_retried_after_a_failure() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        List<String> received = new CopyOnWriteArrayList<>();
        server.createContext("/anchors", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = calls.incrementAndGet() == 1 ? 503 : 204;
            if (status == 204) {
                received.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try (AnchorPublisher publisher = new AnchorPublisher(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/anchors"), Duration.ofMillis(50))) {
            AuditCheckpoints posting = new AuditCheckpoints(db, anchor, Optional.of(publisher), new MutableClock(T0),
                    () -> "instance-1");
            writeEvents(2);
            sealer.sealPending();
            Checkpoint checkpoint = posting.checkpoint().orElseThrow();

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(received).containsExactly(checkpoint.json()));
            assertThat(calls.get()).isEqualTo(2);
        } finally {
            server.stop(0);
        }
    }

    private List<Long> writeEvents(int n) {
        return AuditRows.writeEvents(trail, T0, n);
    }

    private void asSuperuser(Consumer<DSLContext> tampering) {
        AuditRows.asSuperuser(db, tampering);
    }
}
