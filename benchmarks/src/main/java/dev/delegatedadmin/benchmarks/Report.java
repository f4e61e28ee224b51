package dev.delegatedadmin.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The summary: printed, and written between markers in docs/benchmarks.md (the rest of the file is kept). */
final class Report {

    private static final String BEGIN = "<!-- benchmark-suite:begin (written by benchmarks/run.sh) -->";
    private static final String END = "<!-- benchmark-suite:end -->";

    private final String loadBefore = load();
    private final List<String> policy = new ArrayList<>();
    private final List<String> http = new ArrayList<>();
    private final List<String> starts = new ArrayList<>();
    private final List<String> memory = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final List<String> limited = new ArrayList<>();
    private final List<String> versus = new ArrayList<>();

    void policy(String name, double nanos, double error, double bytes) {
        policy.add(row(name, f("%.0f ± %.0f", nanos, error), f("%.0f", bytes)));
    }

    void http(String idp, String operation, Load.Result r, double callsPerRequest, int stubMillis,
              Map<String, Long> stubCalls) {
        String added = stubMillis == 0 ? "" : f("%.1f / %.1f", r.p50Millis() - callsPerRequest * stubMillis,
                r.p99Millis() - callsPerRequest * stubMillis);
        http.add(row(idp, operation, String.valueOf(r.clients()), f("%.3f", r.cpuPerRequest()),
                f("%.3f", r.warmCpuPerRequest()), f("%.3f", r.allInCpuPerRequest()),
                f("%.3f", r.harnessCpuPerRequest()), f("%.0f", r.throughput()), f("%.1f", r.p50Millis()),
                f("%.1f", r.p99Millis()), added, String.valueOf(r.requests()), statuses(r.statuses()),
                kinds(r.cpuByThreadKind(), r.serviceCpuMillis())));
        if (r.firstError() != null) {
            System.out.println("  first I/O error: " + r.firstError());
        }
        if (!stubCalls.isEmpty()) {
            Map<String, String> perRequest = new TreeMap<>();
            stubCalls.forEach((k, v) -> perRequest.put(k, f("%.2f", (double) v / r.issued())));
            calls.add(row(operation, String.valueOf(r.clients()), f("%.2f", callsPerRequest), perRequest.toString()));
        }
    }

    /** One operation, Keycloak against ours at the same client count; each ratio is Keycloak's figure / ours. */
    void versus(String operation, Load.Result keycloak, Load.Result ours) {
        versus.add(row(operation, String.valueOf(keycloak.clients()),
                pair("%.3f", keycloak.cpuPerRequest(), ours.cpuPerRequest()),
                pair("%.3f", keycloak.allInCpuPerRequest(), ours.allInCpuPerRequest()),
                pair("%.0f", keycloak.throughput(), ours.throughput()),
                pair("%.0f", keycloak.p99Millis(), ours.p99Millis())));
    }

    private static String pair(String format, double keycloak, double ours) {
        return f(format + " / " + format + " | **%.2f**", keycloak, ours, keycloak / ours);
    }

    void start(String label, Duration time, double rssMb) {
        starts.add(row(label, f("%.2f", time.toMillis() / 1000.0), f("%.0f", rssMb)));
    }

    void memory(String label, double rssMb, double peakMb) {
        memory.add(row(label, f("%.0f", rssMb), f("%.0f", peakMb)));
    }

    void rateLimited(int clients, Load.Result r, long throttled) {
        limited.add(row(String.valueOf(clients), f("%.1f", r.throughput()), f("%.0f", r.p50Millis()),
                f("%.0f", r.p99Millis()), statuses(r.statuses()), String.valueOf(r.retryAfterOn503()),
                String.valueOf(throttled)));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append("\n## Service suite (issue 7)\n\n");
        md.append("Run: `benchmarks/run.sh` (builds the jar, then `-Pbenchmarks`; `benchmarks/run.sh "
                + "jmh|http|start|local|bounded|auth0|update|keycloak` for one part). Generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(".\n\n");
        md.append("**Machine:** ").append(machine()).append("; load average before: ").append(loadBefore)
                .append(", after: ").append(load()).append(". The load generator, the Auth0 stub, PostgreSQL and the "
                        + "service share these cores; CPU per request (the kernel's user+sys accounting of the "
                        + "service process over the measured window) is steadier than wall-clock figures.\n");
        if (!policy.isEmpty()) {
            md.append("\n### Policy decision, in-process (JMH, shipped default policy, Finance user-admin)\n\n");
            md.append("| operation | ns/op (± 99.9 %) | bytes allocated/op |\n|---|---:|---:|\n");
            policy.forEach(md::append);
        }
        if (!http.isEmpty()) {
            md.append("\n### Through HTTP (closed loop, virtual-thread clients)\n\n");
            md.append("CPU ms/req: the service process; warm: the same without its JIT compiler threads (the "
                    + "warm-up still going on in the window); all-in adds the PostgreSQL backends of its database; "
                    + "harness: the load generator and the Auth0 stub (one process), on the same cores. "
                    + "Added latency: median / p99 minus the stub's 50 ms per Management API call.\n\n");
            md.append("| IdP | operation | clients | CPU ms/req | warm CPU ms/req | all-in CPU ms/req "
                    + "| harness CPU ms/req | req/s | p50 ms | p99 ms "
                    + "| added ms (p50 / p99) | requests | statuses | service CPU: JIT / GC / rest |\n"
                    + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
            http.forEach(md::append);
        }
        if (!versus.isEmpty()) {
            md.append("\n### Keycloak side by side (same run, same PostgreSQL, same clients; ours: local IdP)\n\n");
            md.append("Each ratio is Keycloak / ours: above 1, Keycloak spends more CPU or takes longer (or, for "
                    + "req/s, serves more). Keycloak's CPU is its JVM's; all-in adds the PostgreSQL backends of its "
                    + "database, as for ours. See \"Keycloak side by side: method\" above for the set-up.\n\n");
            md.append("| operation | clients | CPU ms/req Keycloak / ours | ratio | all-in CPU ms/req Keycloak / ours "
                    + "| ratio | req/s Keycloak / ours | ratio | p99 ms Keycloak / ours | ratio |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            versus.forEach(md::append);
        }
        if (!calls.isEmpty()) {
            md.append("\n### Management API calls per request (counted at the stub, warm-up included)\n\n");
            md.append("| operation | clients | calls/request | by call |\n|---|---:|---:|---|\n");
            calls.forEach(md::append);
        }
        if (!limited.isEmpty()) {
            md.append("\n### Against a tenant allowing 10 Management API calls/s (updates, 15 s)\n\n");
            md.append("| clients | updates/s | p50 ms | p99 ms | statuses to callers | 503 with Retry-After "
                    + "| 429s the stub sent |\n|---:|---:|---:|---:|---|---:|---:|\n");
            limited.forEach(md::append);
        }
        if (!starts.isEmpty()) {
            md.append("\n### Start to healthy, and resident memory then\n\n");
            md.append("Ours: /actuator/health answers 200; Keycloak: /health/ready on its management port.\n\n");
            md.append("| run | start s | VmRSS MB |\n|---|---:|---:|\n");
            starts.forEach(md::append);
        }
        if (!memory.isEmpty()) {
            md.append("\n### Resident memory under load\n\n| run | VmRSS MB | peak (VmHWM) MB |\n|---|---:|---:|\n");
            memory.forEach(md::append);
        }
        return md.append(END).append('\n').toString();
    }

    void print() {
        System.out.println();
        System.out.println(markdown());
    }

    void write(Path file) throws IOException {
        String old = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int begin = old.indexOf(BEGIN);
        int end = old.indexOf(END);
        String updated = begin >= 0 && end > begin
                ? old.substring(0, begin) + markdown() + old.substring(end + END.length() + 1)
                : old.stripTrailing() + "\n\n" + markdown();
        Files.writeString(file, updated);
    }

    private static String kinds(Map<String, Double> kinds, double total) {
        return f("%.0f / %.0f / %.0f %%", 100 * kinds.getOrDefault("JIT", 0.0) / total,
                100 * kinds.getOrDefault("GC", 0.0) / total, 100 * kinds.getOrDefault("other", 0.0) / total);
    }

    private static String statuses(Map<Integer, Long> statuses) {
        StringBuilder s = new StringBuilder();
        statuses.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k == -1 ? "I/O error" : k).append(": ")
                .append(v));
        return s.toString();
    }

    /** Also printed at once, as progress. */
    private static String row(String... cells) {
        String row = "| " + String.join(" | ", cells) + " |\n";
        System.out.print(row);
        return row;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + Runtime.getRuntime().maxMemory() / 1024 / 1024 / 1024 + " GB max heap of the harness, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version");
    }

    private static String load() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "n/a";
        }
    }
}
