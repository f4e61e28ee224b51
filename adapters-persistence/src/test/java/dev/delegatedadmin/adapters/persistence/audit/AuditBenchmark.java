package dev.delegatedadmin.adapters.persistence.audit;

import com.zaxxer.hikari.HikariDataSource;
import dev.delegatedadmin.adapters.persistence.embedded.EmbeddedPostgresDataSourceFactory;
import dev.delegatedadmin.application.port.out.AuditEventPage;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.domain.audit.AuditVerification;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Not a test (surefire does not pick it up): run with {@code ./mvnw -B -pl adapters-persistence -am -Pbenchmarks
 * -DskipTests verify}. On the production configuration of the embedded PostgreSQL (fsync and synchronous commit
 * on), it measures audit insert throughput at 8 and 32 writers, unchained (no sealer) against chained (the sealer
 * running as in production), then {@code find} latency over 1,000,000 rows with filters. Figures go to
 * docs/benchmarks.md by hand.
 */
public final class AuditBenchmark {

    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 6));
    private static final Duration WARMUP = Duration.ofSeconds(2);
    /** Unchained and chained runs alternate, so that load from elsewhere on the machine hits both alike. */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);

    private record Duration(long seconds) {
        static Duration ofSeconds(long s) {
            return new Duration(s);
        }

        long nanos() {
            return seconds * 1_000_000_000L;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Path dir = Files.createTempDirectory("audit-bench");
        try (EmbeddedPostgresDataSourceFactory server = EmbeddedPostgresDataSourceFactory.start(dir);
             HikariDataSource pool = new HikariDataSource()) {
            pool.setDataSource(server.migrationDataSource());
            pool.setMaximumPoolSize(40);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            DSLContext dsl = DSL.using(pool, SQLDialect.POSTGRES);
            System.out.printf("machine: %d cores, %s %s, java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                    dsl.fetchValue("select version()"));

            String only = args.length > 0 ? args[0] : "all";
            if (!only.equals("reads")) {
                inserts(dsl);
            }
            if (!only.equals("inserts")) {
                reads(dsl);
            }
        }
    }

    private static void inserts(DSLContext dsl) throws Exception {
        JooqAuditTrail trail = new JooqAuditTrail(dsl, Clock.systemUTC());
        AuditSealer sealer = new AuditSealer(dsl, 2000);
        System.out.println("\n== audit insert throughput (record(): one INSERT, own transaction, committed), "
                + RUN.seconds() + " s per run after " + WARMUP.seconds() + " s warm-up");
        System.out.println("writers  mode        inserts/s  mean latency ms  sealer busy  sealer lag at end (rows)");
        for (int round = 1; round <= ROUNDS; round++) {
            for (int writers : new int[] {8, 32}) {
                // ABBA order: a drift in background load or table size does not favour either mode.
                boolean[] order = round % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false};
                for (boolean chained : order) {
                    Result result = run(dsl, trail, sealer, writers, chained);
                    System.out.printf("%7d  %-10s %10.0f  %15.2f  %10s  %s%n", writers, chained ? "chained" : "unchained",
                            result.perSecond(), result.meanLatencyMs(),
                            chained ? String.format("%.1f %%", result.sealerBusyPercent()) : "-",
                            chained ? Long.toString(result.lag()) : "-");
                }
            }
        }
        long start = System.nanoTime();
        int sealed = sealer.sealAll();
        System.out.printf("catch-up: sealed %d rows left over in %.1f s%n", sealed, (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        AuditVerification verification = trail.verify();
        System.out.printf("verify: %d sealed rows walked in %.1f s, intact=%s, unsealed=%d%n", verification.sealedRows(),
                (System.nanoTime() - start) / 1e9, verification.intact(), verification.unsealed());
    }

    private record Result(double perSecond, double meanLatencyMs, long lag, double sealerBusyPercent) {
    }

    private static Result run(DSLContext dsl, JooqAuditTrail trail, AuditSealer sealer, int writers, boolean chained) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong count = new AtomicLong();
        AtomicLong latencyNanos = new AtomicLong();
        AtomicLong sealerNanos = new AtomicLong();
        // Everything written before this run is sealed first, so the chained run starts from a clean state; after an
        // unchained run, that is a backlog: how fast the sealer catches up is its cost per row.
        long sealStart = System.nanoTime();
        int backlog = sealer.sealAll();
        if (backlog > 10_000) {
            double seconds = (System.nanoTime() - sealStart) / 1e9;
            System.out.printf("         (sealer catching up: %d rows in %.1f s, %.0f rows/s)%n", backlog, seconds,
                    backlog / seconds);
        }
        Thread sealing = null;
        if (chained) {
            // As in production: AuditMaintenance seals every 500 ms.
            sealing = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    long t0 = System.nanoTime();
                    sealer.sealPending();
                    if (measuring.get()) {
                        sealerNanos.addAndGet(System.nanoTime() - t0);
                    }
                    sleep(500);
                }
            });
        }
        CountDownLatch done = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread.ofPlatform().start(() -> {
                long i = 0;
                while (running.get()) {
                    long t0 = System.nanoTime();
                    trail.record(record(writer, i++));
                    if (measuring.get()) {
                        count.incrementAndGet();
                        latencyNanos.addAndGet(System.nanoTime() - t0);
                    }
                }
                done.countDown();
            });
        }
        sleep(WARMUP.seconds() * 1000);
        measuring.set(true);
        long start = System.nanoTime();
        sleep(RUN.seconds() * 1000);
        measuring.set(false);
        long elapsed = System.nanoTime() - start;
        running.set(false);
        done.await();
        if (sealing != null) {
            sealing.join();
        }
        long lag = dsl.fetchOne("select count(*) from audit_event e where not exists"
                + " (select 1 from audit_seal s where s.kind = 'event' and s.ref_id = e.id)").get(0, Long.class);
        return new Result(count.get() / (elapsed / 1e9), latencyNanos.get() / 1e6 / Math.max(1, count.get()), lag,
                100.0 * sealerNanos.get() / elapsed);
    }

    private static AuditRecord record(int writer, long i) {
        return new AuditRecord(Instant.now(), Optional.of("req-" + writer + "-" + i), Optional.of("local|actor" + writer),
                Optional.of("actor" + writer + "@example.com"), Optional.of("Finance"), AuditAction.USER_UPDATE,
                Optional.of("local|target" + i % 1000), Optional.of("t@example.com"), AuditDecision.ALLOWED,
                Optional.empty(), Optional.empty(), List.of("user_metadata.team"), AuditStatus.PENDING, List.of(), Optional.empty(), Optional.empty());
    }

    private static void reads(DSLContext dsl) {
        System.out.println("\n== find() latency over 1,000,000 generated rows (limit 50, newest first)");
        long start = System.nanoTime();
        // 1000 actors, 4 departments, ~5 % denied, ~1 % failed, over 30 days.
        dsl.execute("""
                insert into audit_event (occurred_at, request_id, actor_id, actor_email, actor_department, action,
                                         target_id, target_email, target_department, decision, rule, message,
                                         changed_fields, status, changes, instance_id)
                select timestamptz '2026-10-01' + g * interval '2.592 seconds', 'req-' || g, 'local|actor' || (g % 1000),
                       'actor' || (g % 1000) || '@example.com', (array['Finance','HR','IT','Sales'])[1 + g % 4],
                       (array['user.create','user.update','user.delete','session.create'])[1 + g % 4],
                       'local|target' || (g % 50000), 'target' || (g % 50000) || '@example.com',
                       (array['Finance','HR','IT','Sales'])[1 + (g / 7) % 4],
                       case when g % 20 = 0 then 'denied' else 'allowed' end,
                       case when g % 20 = 0 then 'own-department-only' end,
                       case when g % 20 = 0 then 'You can only create users within your own department.' end,
                       '["user_metadata.team"]',
                       case when g % 20 = 0 then 'denied' else 'pending' end,
                       '[{"field":"user_metadata.team","before":"a","after":"b"}]', 'bench'
                from generate_series(1, 1000000) g""");
        dsl.execute("""
                insert into audit_outcome (event_id, outcome, detail, completed_at)
                select id, case when id % 100 = 1 then 'failed' else 'succeeded' end, null, occurred_at + interval '50 ms'
                from audit_event where status = 'pending' and instance_id = 'bench'""");
        dsl.execute("analyze audit_event");
        dsl.execute("analyze audit_outcome");
        System.out.printf("generated in %.0f s; audit_event now has %d rows%n", (System.nanoTime() - start) / 1e9,
                dsl.fetchCount(DSL.table("audit_event")));
        JooqAuditTrail trail = new JooqAuditTrail(dsl, Clock.systemUTC());
        System.out.println("query                                          p50 ms   p95 ms   max ms  rows");
        measure("no filter", trail, () -> q().build());
        measure("actor (1 of 1000)", trail, () -> q().actor("local|actor417").build());
        measure("actor, 10th page via cursor", trail, () -> q().actor("local|actor417").before(tenthPage(trail)).build());
        measure("target (1 of 50000)", trail, () -> q().target("local|target31337").build());
        measure("outcome=failed (~1 %)", trail, () -> q().status(AuditStatus.FAILED).build());
        measure("decision=denied, rule=own-department-only", trail,
                () -> q().decision(AuditDecision.DENIED).rule("own-department-only").build());
        measure("department=HR, last 24 h", trail, () -> q().department("HR")
                .from(Instant.parse("2026-10-30T00:00:00Z")).build());
        measure("action=user.delete, outcome=succeeded, range", trail, () -> q().action(AuditAction.USER_DELETE)
                .status(AuditStatus.SUCCEEDED).from(Instant.parse("2026-10-10T00:00:00Z"))
                .to(Instant.parse("2026-10-11T00:00:00Z")).build());
    }

    private static OptionalLong tenthPage(JooqAuditTrail trail) {
        OptionalLong before = OptionalLong.empty();
        for (int i = 0; i < 9; i++) {
            before = trail.find(q().actor("local|actor417").before(before).build()).nextBeforeId();
        }
        return before;
    }

    private static void measure(String name, JooqAuditTrail trail, Supplier<AuditQuery> query) {
        AuditQuery fixed = query.get();
        for (int i = 0; i < 5; i++) {
            trail.find(fixed);
        }
        long[] nanos = new long[50];
        int rows = 0;
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            AuditEventPage page = trail.find(fixed);
            nanos[i] = System.nanoTime() - t0;
            rows = page.events().size();
        }
        Arrays.sort(nanos);
        System.out.printf("%-45s %7.2f  %7.2f  %7.2f  %4d%n", name, nanos[24] / 1e6, nanos[47] / 1e6, nanos[49] / 1e6, rows);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AuditQueryBuilder q() {
        return new AuditQueryBuilder().limit(50);
    }
}
