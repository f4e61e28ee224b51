package dev.delegatedadmin.adapters.persistence.policy;

import dev.delegatedadmin.adapters.persistence.support.JsonCodec;
import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.POLICY_ACTIVATION;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.POLICY_VERSION;

import dev.delegatedadmin.adapters.persistence.jooq.tables.records.PolicyVersionRecord;
import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.application.port.out.PolicyVersion;
import dev.delegatedadmin.application.port.out.PolicyVersions;
import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import dev.delegatedadmin.domain.shared.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policy versions in PostgreSQL, and the active one served from memory. Every instance polls the newest
 * activation id (one index lookup) every {@code refreshInterval}, so a change made through any instance is in
 * force everywhere within that interval; the instance that made it sees it at once.
 */
public final class JooqPolicyVersions implements PolicyVersions, PolicyStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JooqPolicyVersions.class);
    /** Serialises version numbering and activations across instances (policy changes are rare). */
    private static final long LOCK_KEY = 0x706f6c6963794cL;

    private record Snapshot(long activationId, PolicyVersion version) {
    }

    private final DSLContext dsl;
    private final Duration refreshInterval;
    private final AtomicReference<Snapshot> active = new AtomicReference<>();
    private ScheduledExecutorService poller;

    public JooqPolicyVersions(DSLContext dsl, Duration refreshInterval) {
        this.dsl = OwnTransactions.of(dsl);
        this.refreshInterval = refreshInterval;
    }

    /** Starts polling for activations made by other instances. */
    synchronized void start() {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("policy-refresh").factory());
        long millis = Math.max(10, refreshInterval.toMillis());
        poller.scheduleWithFixedDelay(this::refreshQuietly, 0, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public PolicyDocument activeDocument() {
        Snapshot snapshot = active.get();
        if (snapshot == null) {
            refresh();
            snapshot = active.get();
        }
        if (snapshot == null) {
            throw new IllegalStateException("No policy version is active yet.");
        }
        return snapshot.version().document();
    }

    @Override
    public Optional<PolicyVersion> active() {
        refresh();
        return Optional.ofNullable(active.get()).map(Snapshot::version);
    }

    @Override
    public List<PolicyVersion> list() {
        long activeVersion = activeVersion(dsl).orElse(0);
        return dsl.selectFrom(POLICY_VERSION).orderBy(POLICY_VERSION.VERSION.desc())
                .fetch(row -> toDomain(row, row.getVersion() == activeVersion));
    }

    @Override
    public Optional<PolicyVersion> find(long version) {
        long activeVersion = activeVersion(dsl).orElse(0);
        return dsl.selectFrom(POLICY_VERSION).where(POLICY_VERSION.VERSION.eq(version))
                .fetchOptional(row -> toDomain(row, version == activeVersion));
    }

    @Override
    public Activation store(NewVersion version) {
        Activation activation = dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            lock(tx);
            return insertAndActivate(tx, version);
        });
        refresh();
        return activation;
    }

    @Override
    public Optional<Activation> storeIfFileChanged(NewVersion version) {
        Optional<Activation> activation = dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            lock(tx);
            String lastFileHash = tx.select(POLICY_VERSION.CONTENT_HASH).from(POLICY_VERSION)
                    .where(POLICY_VERSION.SOURCE.eq(PolicyVersion.Source.FILE.externalName()))
                    .orderBy(POLICY_VERSION.VERSION.desc()).limit(1)
                    .fetchOne(POLICY_VERSION.CONTENT_HASH);
            if (version.contentHash().equals(lastFileHash)) {
                return Optional.<Activation>empty();
            }
            return Optional.of(insertAndActivate(tx, version));
        });
        refresh();
        return activation;
    }

    @Override
    public Optional<Activation> activate(long version, Optional<String> activatedBy, Instant at) {
        Optional<Activation> activation = dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            lock(tx);
            Optional<PolicyVersionRecord> row = tx.selectFrom(POLICY_VERSION).where(POLICY_VERSION.VERSION.eq(version))
                    .fetchOptional();
            if (row.isEmpty()) {
                return Optional.<Activation>empty();
            }
            OptionalLong from = activeVersion(tx);
            insertActivation(tx, version, activatedBy, at);
            return Optional.of(new Activation(from, toDomain(row.get(), true)));
        });
        refresh();
        return activation;
    }

    private Activation insertAndActivate(DSLContext tx, NewVersion version) {
        OptionalLong from = activeVersion(tx);
        long next = tx.select(DSL.coalesce(DSL.max(POLICY_VERSION.VERSION), 0L)).from(POLICY_VERSION).fetchSingle().value1() + 1;
        PolicyVersionRecord row = tx.insertInto(POLICY_VERSION)
                .set(POLICY_VERSION.VERSION, next)
                .set(POLICY_VERSION.DOCUMENT, JsonCodec.toJson(version.tree()))
                .set(POLICY_VERSION.CONTENT_HASH, version.contentHash())
                .set(POLICY_VERSION.SOURCE, version.source().externalName())
                .set(POLICY_VERSION.SOURCE_NAME, version.sourceName().orElse(null))
                .set(POLICY_VERSION.CREATED_AT, timestamp(version.createdAt()))
                .set(POLICY_VERSION.CREATED_BY, version.createdBy().orElse(null))
                .returning()
                .fetchSingle();
        insertActivation(tx, next, version.createdBy(), version.createdAt());
        return new Activation(from, toDomain(row, true));
    }

    private static void insertActivation(DSLContext tx, long version, Optional<String> by, Instant at) {
        tx.insertInto(POLICY_ACTIVATION)
                .set(POLICY_ACTIVATION.VERSION, version)
                .set(POLICY_ACTIVATION.ACTIVATED_AT, timestamp(at))
                .set(POLICY_ACTIVATION.ACTIVATED_BY, by.orElse(null))
                .execute();
    }

    private static void lock(DSLContext tx) {
        tx.select(DSL.field("pg_advisory_xact_lock({0})", Object.class, DSL.val(LOCK_KEY))).fetch();
    }

    private static OptionalLong activeVersion(DSLContext db) {
        Long version = db.select(POLICY_ACTIVATION.VERSION).from(POLICY_ACTIVATION)
                .orderBy(POLICY_ACTIVATION.ID.desc()).limit(1).fetchOne(POLICY_ACTIVATION.VERSION);
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /** Loads the active version when the newest activation differs from the cached one. */
    void refresh() {
        Long latest = dsl.select(DSL.max(POLICY_ACTIVATION.ID)).from(POLICY_ACTIVATION).fetchSingle().value1();
        Snapshot current = active.get();
        if (latest == null || (current != null && current.activationId() == latest)) {
            return;
        }
        var row = dsl.select(POLICY_VERSION.fields()).from(POLICY_ACTIVATION)
                .join(POLICY_VERSION).on(POLICY_VERSION.VERSION.eq(POLICY_ACTIVATION.VERSION))
                .where(POLICY_ACTIVATION.ID.eq(latest))
                .fetchSingle()
                .into(POLICY_VERSION);
        Snapshot loaded = new Snapshot(latest, toDomain(row, true));
        // Never go back to an older activation if a concurrent refresh already loaded a newer one.
        active.accumulateAndGet(loaded, (old, fresh) -> old != null && old.activationId() > fresh.activationId() ? old : fresh);
        if (current != null) {
            log.info("Policy version {} is now active", loaded.version().version());
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The last known policy stays in force while the database is unreachable.
            log.warn("Could not refresh the active policy: {}", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static PolicyVersion toDomain(PolicyVersionRecord row, boolean isActive) {
        Map<String, Object> tree = (Map<String, Object>) Json.normalize(JsonCodec.toTree(row.getDocument()));
        PolicyDocument document = switch (PolicyDocument.parse(tree)) {
            case PolicyDocument.Valid(var valid) -> valid;
            case PolicyDocument.Invalid(var errors) -> throw new IllegalStateException(
                    "Stored policy version " + row.getVersion() + " no longer validates: " + errors);
        };
        PolicyVersion.Source source = Arrays.stream(PolicyVersion.Source.values())
                .filter(s -> s.externalName().equals(row.getSource())).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown policy source " + row.getSource()));
        return new PolicyVersion(row.getVersion(), tree, document, row.getContentHash(), source,
                Optional.ofNullable(row.getSourceName()), row.getCreatedAt().toInstant(),
                Optional.ofNullable(row.getCreatedBy()), isActive);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
