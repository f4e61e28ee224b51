package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.adapters.persistence.audit.AuditArchives.Archive;
import dev.delegatedadmin.adapters.persistence.embedded.EmbeddedPostgresDataSourceFactory;
import dev.delegatedadmin.domain.audit.AuditVerification;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 7: sealed rows older than the bound go to a signed archive file and are removed by the maintenance
 * role only; the chain then verifies from the archive's last hash, online and offline with the file. On the real
 * embedded set-up (runtime and maintenance roles with their own passwords).
 */
public class AuditRetentionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path temp;

    @Test
    void old_sealed_rows_are_archived_then_removed_and_the_chain_goes_on_verifiably() throws Exception {
        try (var postgres = EmbeddedPostgresDataSourceFactory.start(temp.resolve("data"))) {
            Flyway.configure().dataSource(postgres.migrationDataSource()).locations("classpath:db/migration").load().migrate();
            DSLContext db = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
            AuditAnchor anchor = new AuditAnchor(temp.resolve(AuditAnchor.FILE_NAME),
                    AuditAnchor.key("", temp.resolve(AuditAnchor.KEY_FILE_NAME)));
            AuditInstance instance = new AuditInstance(db);
            JooqAuditTrail trail = new JooqAuditTrail(db, new MutableClock(T0), instance, Optional.of(anchor));
            AuditSealer sealer = new AuditSealer(db, 50);
            AuditCheckpoints checkpoints = new AuditCheckpoints(db, anchor, Optional.empty(), new MutableClock(T0),
                    instance::id);

            // Old: 6 events, all with outcomes (seals 1-12); then one pending intent (seal 13), which must wait for its
            // outcome before it can be archived.
            List<Long> old = AuditRows.writeEvents(trail, T0, 6);
            for (long id : old.subList(3, 6)) {
                trail.complete(id, AuditStatus.FAILED, Optional.empty());
            }
            sealer.sealPending();
            long pending = AuditRows.writeEvents(trail, T0, 1).getFirst();
            sealer.sealPending();
            assertThat(checkpoints.checkpoint()).hasValueSatisfying(c -> assertThat(c.seq()).isEqualTo(13));
            Thread.sleep(20);
            OffsetDateTime bound = db.fetchValue(DSL.field("clock_timestamp()", OffsetDateTime.class));
            Thread.sleep(20);
            // New: 2 events and 1 outcome (seals 14-16).
            List<Long> recent = AuditRows.writeEvents(trail, T0, 2);
            sealer.sealPending();
            assertThat(count(db, "audit_seal")).isEqualTo(16);

            Path archives = temp.resolve("archive");
            AuditRetention retention = new AuditRetention(postgres.maintenanceDataSource(), Duration.ofDays(400),
                    archives, anchor, new MutableClock(bound.toInstant().plus(Duration.ofDays(400))), () -> "test", 50_000,
                    Duration.ofHours(1));
            assertThat(retention.run()).isEqualTo(1);
            assertThat(retention.run()).as("nothing more is due").isZero();

            // Seals 1-12 (the old events and their outcomes) archived; the pending intent's seal 13 stays.
            Archive archive = AuditArchives.latest(db).orElseThrow();
            assertThat(archive.fromSeq()).isEqualTo(1);
            assertThat(archive.toSeq()).isEqualTo(12);
            assertThat(archive.signedBy(anchor)).isTrue();
            assertThat(count(db, "audit_seal")).isEqualTo(4);
            assertThat(count(db, "audit_event")).isEqualTo(3);
            assertThat(count(db, "audit_outcome")).isEqualTo(1);
            assertThat(db.fetchExists(DSL.selectOne().from("audit_event").where("id = " + pending))).isTrue();
            Path file = archives.resolve(archive.file());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            AuditArchives.FileCheck check = AuditArchives.check(file, anchor, 1, AuditHashes.GENESIS);
            assertThat(check.problem()).isEmpty();
            assertThat(check.rows()).isEqualTo(12);

            // The chain verifies from the archive's last hash, online and offline with the file.
            AuditVerification online = trail.verify();
            assertThat(online.intact()).as("%s", online).isTrue();
            assertThat(online.sealedRows()).isEqualTo(4);
            assertThat(online.archived()).hasValueSatisfying(a -> {
                assertThat(a.toSequence()).isEqualTo(12);
                assertThat(a.lastHash()).isEqualTo(archive.lastHash());
            });
            AuditVerification offline = OfflineAuditVerifier.verify(postgres.dataSource(), anchor, List.of(file));
            assertThat(offline.intact()).as("%s", offline).isTrue();
            assertThat(offline.sealedRows()).isEqualTo(16);

            // The checkpoint (seq 13) is still in the chain; new heads keep being anchored after archiving.
            long head = AuditRows.writeEvents(trail, T0, 1).getFirst();
            sealer.sealPending();
            assertThat(checkpoints.checkpoint()).hasValueSatisfying(c -> assertThat(c.seq()).isEqualTo(17));
            assertThat(trail.verify().intact()).isTrue();

            // Once their outcomes are sealed, the rest is archived too (seals 13-20), all but the chain's head (21).
            for (long id : List.of(pending, recent.get(1), head)) {
                trail.complete(id, AuditStatus.SUCCEEDED, Optional.empty());
            }
            sealer.sealPending();
            AuditRows.writeEvents(trail, T0, 1);
            sealer.sealPending();
            AuditRetention later = new AuditRetention(postgres.maintenanceDataSource(), Duration.ofDays(1), archives,
                    anchor, new MutableClock(Instant.now().plus(Duration.ofDays(2))), () -> "test", 50_000, Duration.ofHours(1));
            assertThat(later.run()).isEqualTo(1);
            assertThat(AuditArchives.latest(db).orElseThrow().toSeq()).isEqualTo(20);
            assertThat(count(db, "audit_seal")).as("only the head").isEqualTo(1);
            assertThat(trail.verify().intact()).as("%s", trail.verify()).isTrue();
            // The last checkpoint (17) is archived now: the signed boundary vouches for it, and anchoring goes on.
            assertThat(checkpoints.checkpoint()).hasValueSatisfying(c -> assertThat(c.seq()).isEqualTo(21));
            try (var files = Files.list(archives)) {
                List<Path> all = files.filter(f -> f.toString().endsWith(AuditRetention.FILE_SUFFIX)).sorted().toList();
                assertThat(all).hasSize(2);
                AuditVerification both = OfflineAuditVerifier.verify(postgres.dataSource(), anchor, all);
                assertThat(both.intact()).as("%s", both).isTrue();
                assertThat(both.sealedRows()).isEqualTo(21);
                // An archive file left out: the database's chain does not resume where the files end.
                assertThat(OfflineAuditVerifier.verify(postgres.dataSource(), anchor, all.subList(0, 1)).intact()).isFalse();
            }
        }
    }

    @Test
    void only_the_maintenance_role_deletes_and_only_archived_rows_and_a_forged_boundary_is_reported() throws Exception {
        try (var postgres = EmbeddedPostgresDataSourceFactory.start(temp.resolve("data"))) {
            Flyway.configure().dataSource(postgres.migrationDataSource()).locations("classpath:db/migration").load().migrate();
            DSLContext db = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
            AuditAnchor anchor = new AuditAnchor(temp.resolve(AuditAnchor.FILE_NAME),
                    AuditAnchor.key("", temp.resolve(AuditAnchor.KEY_FILE_NAME)));
            JooqAuditTrail trail = new JooqAuditTrail(db, new MutableClock(T0), new AuditInstance(db), Optional.of(anchor));
            List<Long> ids = AuditRows.writeEvents(trail, T0, 4);
            for (long id : ids.subList(2, 4)) {
                trail.complete(id, AuditStatus.SUCCEEDED, Optional.empty());
            }
            new AuditSealer(db, 50).sealPending();

            try (Connection connection = postgres.dataSource().getConnection(); Statement sql = connection.createStatement()) {
                for (String forbidden : new String[] {"delete from audit_event", "delete from audit_outcome",
                        "delete from audit_seal", "truncate audit_seal", "delete from audit_archive",
                        "insert into audit_archive (to_seq, from_seq, last_hash, file_name, file_sha256, row_count,"
                                + " archived_at, instance, signature) values (8, 1, '\\x00', 'f', 's', 8, now(), 'i', 's')",
                        "set role delegated_admin_maintenance"}) {
                    assertThatThrownBy(() -> sql.execute(forbidden)).as(forbidden).isInstanceOf(SQLException.class)
                            .hasMessageMatching("(?s).*(permission denied|must be).*");
                }
            }
            try (Connection connection = postgres.maintenanceDataSource().getConnection();
                 Statement sql = connection.createStatement()) {
                // Nothing archived yet: the trigger refuses the maintenance role too.
                for (String refused : new String[] {"delete from audit_outcome", "delete from audit_seal"}) {
                    assertThatThrownBy(() -> sql.execute(refused)).as(refused).isInstanceOf(SQLException.class)
                            .hasMessageContaining("append-only");
                }
                assertThatThrownBy(() -> sql.execute("update audit_event set actor_id = 'x'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> sql.execute("delete from local_user"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                // Someone with the maintenance role's password but not the anchor key forges a boundary and deletes.
                sql.execute("insert into audit_archive (to_seq, from_seq, last_hash, file_name, file_sha256, row_count,"
                        + " archived_at, instance, signature) select 4, 1, hash, 'forged', 's', 4, now(), 'i', 'forged'"
                        + " from audit_seal where seq = 4");
                sql.execute("delete from audit_seal where seq <= 4");
                assertThatThrownBy(() -> sql.execute("delete from audit_seal where seq > 4"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
                assertThatThrownBy(() -> sql.execute("delete from audit_archive"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            }
            AuditVerification result = trail.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBroken()).hasValueSatisfying(b -> {
                assertThat(b.kind()).isEqualTo("archive");
                assertThat(b.reason()).contains("signature does not hold");
            });
        }
    }

    private static long count(DSLContext db, String table) {
        return db.fetchCount(DSL.table(table));
    }
}
