package dev.delegatedadmin.adapters.persistence.audit;

import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_OUTCOME;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_SEAL;

import dev.delegatedadmin.adapters.persistence.audit.AuditArchives.Archive;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.context.SmartLifecycle;

/**
 * Retention ({@code AUDIT_RETENTION}): sealed audit rows whose seal is older than the bound are written, with their
 * seals, to a gzip-compressed NDJSON file, signed ({@link Archive}), recorded in {@code audit_archive}, then deleted,
 * all in one transaction of the maintenance role (the only role the delete trigger lets through, and only for
 * archived seals). One instance at a time (a transaction-scoped advisory lock). The chain's head is never archived,
 * so the sealer and the checkpoints go on from it; an event is archived only with its outcome.
 */
public final class AuditRetention implements SmartLifecycle {

    /** Shared by every instance; neither writers nor the sealer take it. */
    static final long LOCK_KEY = 0x72657461696eL; // "retain"
    static final String FILE_PREFIX = "audit-archive-";
    static final String FILE_SUFFIX = ".ndjson.gz";

    private static final System.Logger LOG = System.getLogger(AuditRetention.class.getName());
    private static final org.jooq.Field<String> EVENT_JSON =
            DSL.field("to_jsonb(audit_event)::text", String.class).as("event_json");
    private static final org.jooq.Field<String> OUTCOME_JSON =
            DSL.field("to_jsonb(audit_outcome)::text", String.class).as("outcome_json");
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final DSLContext dsl;
    private final Duration retention;
    private final Path directory;
    private final AuditAnchor anchor;
    private final Clock clock;
    private final Supplier<String> instanceId;
    private final int maxSealsPerArchive;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public AuditRetention(DataSource maintenance, Duration retention, Path directory, AuditAnchor anchor, Clock clock,
                   Supplier<String> instanceId, int maxSealsPerArchive, Duration interval) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("The audit retention must be positive, not " + retention);
        }
        this.dsl = DSL.using(maintenance, SQLDialect.POSTGRES);
        this.retention = retention;
        this.directory = directory;
        this.anchor = anchor;
        this.clock = clock;
        this.instanceId = instanceId;
        this.maxSealsPerArchive = maxSealsPerArchive;
        this.interval = interval;
    }

    /** Archives and removes everything due, file after file; returns the archives written. */
    int run() {
        int archives = 0;
        while (archiveOnce().isPresent()) {
            archives++;
        }
        return archives;
    }

    /** One archive file of at most {@code maxSealsPerArchive} seals; empty if nothing is due or another instance runs. */
    Optional<Archive> archiveOnce() {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            if (!Boolean.TRUE.equals(tx.select(DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class,
                    DSL.val(LOCK_KEY))).fetchSingle().value1())) {
                return Optional.empty();
            }
            AuditHashes.pinSession(tx);
            Optional<Archive> previous = AuditArchives.latest(tx);
            long after = previous.map(Archive::toSeq).orElse(0L);
            byte[] start = previous.map(p -> HexFormat.of().parseHex(p.lastHash())).orElse(AuditHashes.GENESIS);
            long upTo = boundary(tx, after, OffsetDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC));
            if (upTo <= after) {
                return Optional.empty();
            }
            Archive archive = write(tx, after + 1, upTo, start);
            AuditArchives.insert(tx, archive);
            // Rows before their seals: the trigger finds each row's seal to check it is archived.
            tx.execute("delete from audit_outcome where id in (select ref_id from audit_seal where kind = 'outcome'"
                    + " and seq > {0} and seq <= {1})", DSL.val(after), DSL.val(upTo));
            tx.execute("delete from audit_event where id in (select ref_id from audit_seal where kind = 'event'"
                    + " and seq > {0} and seq <= {1})", DSL.val(after), DSL.val(upTo));
            tx.execute("delete from audit_seal where seq > {0} and seq <= {1}", DSL.val(after), DSL.val(upTo));
            LOG.log(System.Logger.Level.INFO, "Audit archive " + archive.json());
            return Optional.of(archive);
        });
    }

    /**
     * The last seal to archive: the one before the first seal newer than {@code cutoff}, never the head, at most
     * {@code maxSealsPerArchive} on, and before any event whose outcome is not in the range yet (pending, or sealed
     * later), since the outcome's foreign key and the chain's order keep the two together.
     */
    private long boundary(DSLContext tx, long after, OffsetDateTime cutoff) {
        Long head = longValue(tx, "select max(seq) from audit_seal");
        if (head == null) {
            return after;
        }
        Long firstRecent = longValue(tx, "select min(seq) from audit_seal where seq > {0} and sealed_at >= {1}",
                DSL.val(after), DSL.val(cutoff));
        long upTo = Math.min(Math.min(head - 1, after + maxSealsPerArchive), firstRecent == null ? head : firstRecent - 1);
        if (upTo <= after) {
            return after;
        }
        Long waiting = longValue(tx, "select min(s.seq) from audit_seal s join audit_event e on e.id = s.ref_id"
                + " where s.kind = 'event' and s.seq > {0} and s.seq <= {1}"
                + " and (e.status = 'pending' or exists (select 1 from audit_outcome o where o.event_id = e.id))"
                + " and not exists (select 1 from audit_outcome o join audit_seal so on so.kind = 'outcome'"
                + " and so.ref_id = o.id where o.event_id = e.id and so.seq <= {1})",
                DSL.val(after), DSL.val(upTo));
        return waiting == null ? upTo : waiting - 1;
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static Long longValue(DSLContext tx, String sql, org.jooq.QueryPart... parts) {
        return tx.resultQuery(sql, (Object[]) parts).fetchOne(0, Long.class);
    }

    /**
     * Writes seals {@code from..upTo} with each row's canonical text (what its content hash covers) and the row as
     * JSON, checking every link on the way: a broken chain is never archived (that would remove the evidence).
     */
    private Archive write(DSLContext tx, long from, long upTo, byte[] previous) {
        String name = FILE_PREFIX + String.format("%012d-%012d", from, upTo) + FILE_SUFFIX;
        Path file = directory.resolve(name);
        HexFormat hex = HexFormat.of();
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(name + "." + System.nanoTime() + ".tmp");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long rows = 0;
            byte[] last = previous;
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream raw = Files.newOutputStream(temporary, StandardOpenOption.WRITE);
                 BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                    new DigestOutputStream(raw, sha256)), StandardCharsets.UTF_8));
                 Cursor<Record> seals = tx.select(AUDIT_SEAL.fields())
                         .select(AuditHashes.EVENT_CONTENT, AuditHashes.OUTCOME_CONTENT, EVENT_JSON, OUTCOME_JSON)
                         .from(AUDIT_SEAL)
                         .leftJoin(AUDIT_EVENT).on(AUDIT_SEAL.KIND.eq(AuditHashes.EVENT), AUDIT_EVENT.ID.eq(AUDIT_SEAL.REF_ID))
                         .leftJoin(AUDIT_OUTCOME).on(AUDIT_SEAL.KIND.eq(AuditHashes.OUTCOME), AUDIT_OUTCOME.ID.eq(AUDIT_SEAL.REF_ID))
                         .where(AUDIT_SEAL.SEQ.between(from, upTo))
                         .orderBy(AUDIT_SEAL.SEQ)
                         .fetchSize(1000).fetchLazy()) {
                long expected = from;
                for (Record seal : seals) {
                    long seq = seal.get(AUDIT_SEAL.SEQ);
                    String kind = seal.get(AUDIT_SEAL.KIND);
                    long refId = seal.get(AUDIT_SEAL.REF_ID);
                    boolean event = AuditHashes.EVENT.equals(kind);
                    String canonical = seal.get(event ? AuditHashes.EVENT_CONTENT : AuditHashes.OUTCOME_CONTENT);
                    byte[] content = canonical == null ? null : AuditHashes.contentHash(kind, canonical);
                    byte[] hash = seal.get(AUDIT_SEAL.HASH);
                    if (seq != expected || content == null
                            || !Arrays.equals(content, seal.get(AUDIT_SEAL.CONTENT_HASH))
                            || !Arrays.equals(last, seal.get(AUDIT_SEAL.PREV_HASH))
                            || !Arrays.equals(hash, AuditHashes.linkHash(last, seq, kind, refId, content))) {
                        throw new IllegalStateException("The audit chain does not hold at seal " + expected
                                + ": nothing is archived or removed; run verify");
                    }
                    out.write("{\"seq\":" + seq + ",\"kind\":\"" + kind + "\",\"ref_id\":" + refId
                            + ",\"content_hash\":\"" + hex.formatHex(content) + "\",\"prev_hash\":\""
                            + hex.formatHex(last) + "\",\"hash\":\"" + hex.formatHex(hash)
                            + "\",\"sealed_at\":\"" + seal.get(AUDIT_SEAL.SEALED_AT).toInstant()
                            + "\",\"canonical\":" + JSON.writeValueAsString(canonical) + ",\"row\":"
                            + seal.get(event ? EVENT_JSON : OUTCOME_JSON) + "}\n");
                    last = hash;
                    expected++;
                    rows++;
                }
                if (expected != upTo + 1) {
                    throw new IllegalStateException("Seals " + expected + " to " + upTo + " are missing: nothing is"
                            + " archived or removed; run verify");
                }
            }
            force(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Archive archive = Archive.sign(anchor, from, upTo, hex.formatHex(last), name,
                    hex.formatHex(sha256.digest()), rows, clock.instant(), instanceId.get());
            Path sidecar = directory.resolve(name + AuditArchives.CHECKPOINT_SUFFIX);
            Path sidecarTemporary = directory.resolve(name + AuditArchives.CHECKPOINT_SUFFIX + "." + System.nanoTime() + ".tmp");
            Files.writeString(sidecarTemporary, archive.json() + "\n", StandardOpenOption.CREATE_NEW);
            Files.setPosixFilePermissions(sidecarTemporary, PosixFilePermissions.fromString("rw-------"));
            force(sidecarTemporary);
            Files.move(sidecarTemporary, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the audit archive " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("audit-retention").daemon().factory());
        long period = interval.toMillis();
        // Not at start: the first run waits one interval (at most a minute), so a start stays quick.
        executor.scheduleWithFixedDelay(this::tick, Math.min(period, 60_000), period, TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            int archives = run();
            if (archives > 0) {
                LOG.log(System.Logger.Level.INFO, "Audit retention archived " + archives + " file(s) to " + directory);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Audit retention failed; retrying at the next run", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
