package dev.delegatedadmin.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmark suite (issue 7): JMH for the policy decision, then the service jar as a child process under load,
 * against a local Auth0 stub and with the local IdP; prints a summary and writes it into docs/benchmarks.md.
 * Argument: all (default), jmh, http, or one part of http: start, local, bounded (a bounded heap under load), auth0,
 * update (the local IdP's updates only), keycloak (Keycloak side by side with the local IdP's runs, which it needs
 * for the ratios). The system property serviceOptions
 * adds JVM options to the service (e.g. -XX:StartFlightRecording=filename=x.jfr to profile it).
 */
public final class Suite {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "Bench-admin-pass-7731";
    private static final String USER_PASSWORD = "Bench-user-pass-2291";
    private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("warmup", 20));
    private static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("window", 10));
    private static final int STUB_DELAY_MS = 50;
    private static final int KEYCLOAK_PORT = 18180;
    private static final int KEYCLOAK_MANAGEMENT_PORT = 18190;

    private final Report report = new Report();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(5)).build();
    private final Path work = Files.createTempDirectory("da-bench");
    private int port = 18080;
    /** The local IdP's results by comparison key (operation/clients), for the Keycloak ratios. */
    private final Map<String, Load.Result> local = new HashMap<>();

    private Suite() throws Exception {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        if (which.equals("none")) {
            return; // -Dsuite=none: only build the module (and fetch Keycloak)
        }
        Suite suite = new Suite();
        if (!Files.exists(Service.JAR)) {
            throw new IllegalStateException(Service.JAR + " is missing: build it first (benchmarks/run.sh does)");
        }
        if (which.equals("all") || which.equals("jmh")) {
            suite.policy();
        }
        boolean http = which.equals("all") || which.equals("http");
        if (http || which.equals("start")) {
            suite.startAndMemory();
        }
        boolean keycloak = which.equals("keycloak");
        if (http || keycloak || which.equals("local") || which.equals("update")) {
            suite.localIdp(which.equals("update"));
        }
        if (http || which.equals("local") || which.equals("bounded")) {
            suite.boundedHeap();
        }
        if (http || which.equals("auth0")) {
            suite.auth0();
        }
        if (http || keycloak) {
            suite.keycloak();
        }
        suite.report.print();
        suite.report.write(Path.of("docs/benchmarks.md"));
        System.exit(0);
    }

    // ------------------------------------------------------------------ 1. policy decision, in-process

    private void policy() throws Exception {
        var options = new OptionsBuilder().include(PolicyBenchmark.class.getName()).addProfiler("gc")
                .jvmArgsAppend("-Xmx512m").build();
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark();
            report.policy(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError(),
                    result.getSecondaryResults().get("gc.alloc.rate.norm").getScore());
        }
    }

    // ------------------------------------------------------------------ 4. start time and memory

    private void startAndMemory() throws Exception {
        Map<String, String> embedded = Map.of("DATA_DIR", work.resolve("embedded").toString(),
                "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        for (String run : List.of("first start (initdb, migrations)", "second start")) {
            try (Service service = start(embedded, "embedded-" + run.charAt(0))) {
                report.start("embedded PostgreSQL, " + run, service.startTime, service.memoryMb("VmRSS"));
            }
        }
        Map<String, String> external = external(Database.create("da_bench_start"));
        for (String run : List.of("first start (migrations)", "second start", "third start")) {
            try (Service service = start(external, "external-" + run.charAt(0))) {
                report.start("external PostgreSQL, " + run, service.startTime, service.memoryMb("VmRSS"));
            }
        }
        // JDK 25's ahead-of-time cache (JEP 483/514) needs a plain class path: Spring Boot's extracted layout.
        Path extracted = work.resolve("extracted");
        Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", Service.JAR.toString(), "extract", "--destination", extracted.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("extract.log").toFile()).start();
        if (extract.waitFor() != 0) {
            throw new IllegalStateException("extract failed; see " + work.resolve("extract.log"));
        }
        Path jar = extracted.resolve(Service.JAR.getFileName());
        try (Service service = start(jar, List.of(), external, "extracted")) {
            report.start("external PostgreSQL, extracted jar", service.startTime, service.memoryMb("VmRSS"));
        }
        Path cache = work.resolve("app.aot");
        try (Service training = start(jar, List.of("-XX:AOTCacheOutput=" + cache), external, "aot-training")) {
            report.start("external PostgreSQL, AOT training run (writes the cache at exit)", training.startTime,
                    training.memoryMb("VmRSS"));
        }
        for (String run : List.of("first", "second")) {
            try (Service service = start(jar, List.of("-XX:AOTCache=" + cache), external, "aot-" + run)) {
                report.start("external PostgreSQL, extracted jar + AOT cache, " + run, service.startTime,
                        service.memoryMb("VmRSS"));
            }
        }
        // The JVM sizes its heap from the machine's RAM (here 1/64 initial, 1/4 maximum): a bounded heap, as a
        // container limit would give, shows what the service itself needs.
        List<String> bounded = List.of("-XX:AOTCache=" + cache, "-Xms32m", "-Xmx256m");
        try (Service service = start(jar, bounded, external, "aot-bounded")) {
            report.start("external PostgreSQL, extracted jar + AOT cache, -Xms32m -Xmx256m", service.startTime,
                    service.memoryMb("VmRSS"));
        }
    }

    // ------------------------------------------------------------------ 3. local IdP

    /** {@code updatesOnly}: just the two update runs, for a quick before/after of a change. */
    private void localIdp(boolean updatesOnly) throws Exception {
        String database = Database.create("da_bench_local");
        Map<String, String> env = new LinkedHashMap<>(external(database));
        env.put("BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        try (Service service = start(env, "local")) {
            // Beside Keycloak's start rows when the suite runs without its start part (suite keycloak).
            report.start("local IdP, external PostgreSQL, first start (migrations), before its load runs",
                    service.startTime, service.memoryMb("VmRSS"));
            LocalTenant tenant = kellyAndHerUsers(service);
            String base = tenant.base();
            String kelly = tenant.kelly();
            List<String> finance = tenant.finance();

            for (int clients : new int[] {64, 512}) {
                local.put(UPDATE + clients, run(service, database, "local", "update (PATCH user_metadata)", clients,
                        i -> patch(base + finance.get((int) (i % finance.size())), kelly,
                                "{\"user_metadata\":{\"desk\":\"" + i + "\"}}")));
            }
            if (updatesOnly) {
                return;
            }
            for (int clients : new int[] {64, 512}) {
                local.put(SEARCH + clients, run(service, database, "local", "scoped search, 50 Finance users",
                        clients, i -> get(base + "/api/v1/users?per_page=50", kelly)));
            }
            local.put(CREATE + 64, run(service, database, "local", "create with password (Argon2id)", 64,
                    i -> post(base + "/api/v1/users", kelly, createBody("local", i, true))));
            // No password: the user is stored without a hash and cannot log in until one is set (no invitation).
            local.put(CREATE_NO_PASSWORD + 64, run(service, database, "local", "create without password", 64,
                    i -> post(base + "/api/v1/users", kelly, createBody("local-np", i, false))));
            report.memory("local IdP, after the load runs", service.memoryMb("VmRSS"), service.memoryMb("VmHWM"));
        }
    }

    private record LocalTenant(String base, String kelly, List<String> finance) {
    }

    /** Kelly, a Finance user-admin with her token, 60 Finance users (their paths) and 20 HR users. */
    private LocalTenant kellyAndHerUsers(Service service) throws Exception {
        String base = "http://127.0.0.1:" + service.port;
        String admin = session(base, "admin@localhost", ADMIN_PASSWORD);
        send(post(base + "/api/v1/users", admin, """
                {"email":"kelly@bench.example","password":"%s","memberships":["Finance"],
                 "app_metadata":{"roles":["user-admin"]}}""".formatted(USER_PASSWORD)), 201);
        String kelly = session(base, "kelly@bench.example", USER_PASSWORD);
        List<String> finance = seed(base, kelly, "Finance", 60);
        seed(base, admin, "HR", 20);
        return new LocalTenant(base, kelly, finance);
    }

    /**
     * The JVM sizes its default heap from the machine's RAM (a quarter of it at most) and a busy service grows into
     * it: memory under load with a bounded heap, as a container limit or these options give, and its CPU cost.
     */
    private void boundedHeap() throws Exception {
        String database = Database.create("da_bench_bounded");
        Map<String, String> env = new LinkedHashMap<>(external(database));
        env.put("BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        String options = "-Xms64m -Xmx256m";
        try (Service service = start(Service.JAR, List.of(options.split(" ")), env, "bounded")) {
            LocalTenant tenant = kellyAndHerUsers(service);
            String base = tenant.base();
            String kelly = tenant.kelly();
            List<String> finance = tenant.finance();
            String label = "local IdP, " + options;
            run(service, database, label, "bounded update", "update (PATCH user_metadata)", 512,
                    i -> patch(base + finance.get((int) (i % finance.size())), kelly,
                            "{\"user_metadata\":{\"desk\":\"" + i + "\"}}"));
            run(service, database, label, "bounded search", "scoped search, 50 Finance users", 512,
                    i -> get(base + "/api/v1/users?per_page=50", kelly));
            report.memory(label + ", after 512-client updates and searches", service.memoryMb("VmRSS"),
                    service.memoryMb("VmHWM"));
        }
    }

    // ------------------------------------------------------------------ 2 and 5. Auth0 against a 50 ms stub

    private void auth0() throws Exception {
        String database = Database.create("da_bench_auth0");
        try (Auth0Stub stub = new Auth0Stub(STUB_DELAY_MS)) {
            stub.tenant.seed("admin@bench.example", Map.of("department", "IT", "roles", List.of("administrator")));
            String kellyId = stub.tenant.seed("kelly@bench.example",
                    Map.of("department", "Finance", "roles", List.of("user-admin")));
            List<String> finance = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                finance.add("/api/v1/users/" + stub.tenant.seed("f" + i + "@bench.example",
                        Map.of("department", "Finance")).replace("|", "%7C"));
            }
            for (int i = 0; i < 20; i++) {
                stub.tenant.seed("h" + i + "@bench.example", Map.of("department", "HR"));
            }
            String kelly = stub.token(kellyId);
            Map<String, String> env = new LinkedHashMap<>(external(database));
            env.putAll(stub.serviceEnvironment());
            try (Service service = start(env, "auth0")) {
                String base = "http://127.0.0.1:" + service.port;
                for (int clients : new int[] {64, 512}) {
                    stubRun(stub, service, database, "update (PATCH user_metadata)", clients,
                            i -> patch(base + finance.get((int) (i % finance.size())), kelly,
                                    "{\"user_metadata\":{\"desk\":\"" + i + "\"}}"));
                }
                for (int clients : new int[] {64, 512}) {
                    stubRun(stub, service, database, "scoped search, 50 Finance users", clients,
                            i -> get(base + "/api/v1/users?per_page=50", kelly));
                }
                // Few clients, the CPU not saturated: the latency the service adds to the IdP's own.
                stubRun(stub, service, database, "update (PATCH user_metadata)", 4,
                        i -> patch(base + finance.get((int) (i % finance.size())), kelly,
                                "{\"user_metadata\":{\"desk\":\"" + i + "\"}}"));
                stubRun(stub, service, database, "scoped search, 50 Finance users", 4,
                        i -> get(base + "/api/v1/users?per_page=50", kelly));
                // Last: every create grows the fake tenant, which each search scans.
                for (int clients : new int[] {64, 512}) {
                    stubRun(stub, service, database, "create with password", clients,
                            i -> post(base + "/api/v1/users", kelly, createBody("a" + clients, i, true)));
                }
                stubRun(stub, service, database, "create without password", 64,
                        i -> post(base + "/api/v1/users", kelly, createBody("a-np", i, false)));
                report.memory("Auth0 adapter, after the load runs", service.memoryMb("VmRSS"),
                        service.memoryMb("VmHWM"));

                // 5. A tenant allowing 10 calls/s: within the retry budget callers see 200, beyond it 503.
                stub.perSecond = 10;
                for (int clients : new int[] {2, 64}) {
                    stub.resetCounts();
                    Load.Result r = Load.run(client, "auth0 10/s", clients, Duration.ofSeconds(2),
                            Duration.ofSeconds(15), 100_000,
                            i -> patch(base + finance.get((int) (i % finance.size())), kelly,
                                    "{\"user_metadata\":{\"desk\":\"r" + i + "\"}}"), service, null);
                    report.rateLimited(clients, r, stub.throttled.get());
                }
                stub.perSecond = 0;
            }
        }
    }

    private void stubRun(Auth0Stub stub, Service service, String database, String operation, int clients,
                         LongFunction<HttpRequest> requests) throws Exception {
        stub.resetCounts();
        Load.Result r = Load.run(client, "auth0 " + operation, clients, WARMUP, WINDOW, 200_000, requests, service,
                database);
        report.http("Auth0 (stub answers after 50 ms)", operation, r, (double) stub.totalCalls() / r.issued(),
                STUB_DELAY_MS, stub.callCounts());
    }

    private Load.Result run(Service service, String database, String idp, String operation, int clients,
                            LongFunction<HttpRequest> requests) throws Exception {
        return run(service, database, System.getProperty("label", "local IdP"), idp + " " + operation, operation,
                clients, requests);
    }

    private Load.Result run(Service service, String database, String label, String name, String operation,
                            int clients, LongFunction<HttpRequest> requests) throws Exception {
        Load.Result r = Load.run(client, name, clients, WARMUP, WINDOW, 200_000, requests, service, database);
        report.http(label, operation, r, Double.NaN, 0, Map.of());
        return r;
    }

    // ------------------------------------------------------------------ 6. Keycloak side by side

    // Comparison keys: the same operation on both sides, followed by the number of clients.
    private static final String UPDATE = "update a Finance user's attribute/";
    private static final String SEARCH = "scoped search, 50 Finance users/";
    private static final String CREATE = "create a Finance user with a password/";
    private static final String CREATE_NO_PASSWORD = "create a Finance user without a password/";

    /**
     * Keycloak with fine-grained admin permissions v2 on the same PostgreSQL, the same scoped workload as kelly (a
     * Finance-scoped admin) through its admin REST API; ratios against the local IdP's runs of this suite.
     */
    private void keycloak() throws Exception {
        String database = Database.create("da_bench_keycloak");
        Keycloak.build(work.resolve("keycloak-build.log"));
        String name = "Keycloak " + Keycloak.version();
        String idp = name + " (FGAP v2)";
        try (Service kc = Keycloak.start(KEYCLOAK_PORT, KEYCLOAK_MANAGEMENT_PORT, database,
                work.resolve("keycloak-1.log"))) {
            report.start(name + ", first start (creates its schema)", kc.startTime, kc.memoryMb("VmRSS"));
            Keycloak.Realm realm = Keycloak.configure(client, kc.port, 60, 20, USER_PASSWORD);
            String users = realm.base() + "/admin/realms/" + Keycloak.REALM + "/users";
            String kelly = realm.kellyToken();
            // As the admin console saves a user: the whole representation it read, with the attribute changed (the
            // admin API has no PATCH; fields left out of a PUT may be cleared).
            List<String> ids = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (ObjectNode user : realm.finance()) {
                ids.add(user.get("id").asText());
                ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes")
                        : user.putObject("attributes");
                attributes.putArray("desk").add("DESK");
                bodies.add(JSON.writeValueAsString(user));
            }
            for (int clients : new int[] {64, 512}) {
                versus(UPDATE, clients, run(kc, database, idp, "keycloak update", "update (PUT user, attribute "
                        + "changed)", clients, i -> {
                    int u = (int) (i % ids.size());
                    return put(users + "/" + ids.get(u), kelly, bodies.get(u).replace("\"DESK\"", "\"" + i + "\""));
                }));
            }
            // 64 clients only: at about 10 searches/s on 2 cores, 512 clients would wait about a minute per search,
            // longer than warm-up and window together.
            versus(SEARCH, 64, run(kc, database, idp, "keycloak search", "scoped search, 50 Finance users "
                    + "(briefRepresentation=false)", 64,
                    i -> get(users + "?first=0&max=50&briefRepresentation=false", kelly)));
            // The admin console's user list asks for brief representations; shown, not compared.
            run(kc, database, idp, "keycloak search brief", "scoped search, 50 Finance users (briefRepresentation="
                    + "true)", 64, i -> get(users + "?first=0&max=50&briefRepresentation=true", kelly));
            versus(CREATE, 64, run(kc, database, idp, "keycloak create", "create with password, in /Finance", 64,
                    i -> post(users, kelly, Keycloak.userBody("new-kc-" + i, "Finance", USER_PASSWORD))));
            versus(CREATE_NO_PASSWORD, 64, run(kc, database, idp, "keycloak create without password",
                    "create without password, in /Finance", 64,
                    i -> post(users, kelly, Keycloak.userBody("new-kc-np-" + i, "Finance", null))));
            report.memory(name + ", after the load runs", kc.memoryMb("VmRSS"), kc.memoryMb("VmHWM"));
        }
        try (Service kc = Keycloak.start(KEYCLOAK_PORT, KEYCLOAK_MANAGEMENT_PORT, database,
                work.resolve("keycloak-2.log"))) {
            report.start(name + ", second start", kc.startTime, kc.memoryMb("VmRSS"));
        }
    }

    private void versus(String key, int clients, Load.Result keycloak) {
        Load.Result ours = local.get(key + clients);
        if (ours != null) {
            report.versus(key.substring(0, key.length() - 1), keycloak, ours);
        }
    }

    // ------------------------------------------------------------------ helpers

    private Service start(Map<String, String> env, String name) throws Exception {
        String options = System.getProperty("serviceOptions", "").strip();
        return start(Service.JAR, options.isEmpty() ? List.of() : List.of(options.split("\\s+")), env, name);
    }

    private Service start(Path jar, List<String> options, Map<String, String> env, String name) throws Exception {
        return Service.start(jar, port++, env, options, work.resolve(name + ".log"));
    }

    private static Map<String, String> external(String database) {
        return Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/" + database, "DATABASE_USER", "postgres",
                "DATABASE_PASSWORD", "");
    }

    private static String createBody(String prefix, long i, boolean password) {
        return "{\"email\":\"new-" + prefix + "-" + i + "@bench.example\","
                + (password ? "\"password\":\"" + USER_PASSWORD + "\"," : "") + "\"memberships\":[\"Finance\"]}";
    }

    private List<String> seed(String base, String token, String department, int count) throws Exception {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> created = send(post(base + "/api/v1/users", token, """
                    {"email":"%s%d@bench.example","password":"%s","memberships":["%s"]}"""
                    .formatted(department.toLowerCase(), i, USER_PASSWORD, department)), 201);
            paths.add(created.headers().firstValue("Location").orElseThrow());
        }
        return paths;
    }

    private String session(String base, String email, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("email", email, "password", password)))).build();
        JsonNode body = JSON.readTree(send(request, 200).body());
        return body.get("access_token").asText();
    }

    private HttpResponse<String> send(HttpRequest request, int expected) throws Exception {
        return send(client, request, expected);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + response.statusCode()
                    + " " + response.body());
        }
        return response;
    }

    static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build();
    }

    static HttpRequest post(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpRequest put(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest patch(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
