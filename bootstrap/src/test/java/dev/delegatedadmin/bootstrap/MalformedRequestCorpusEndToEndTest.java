package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fuzzer's corpus as a test: hundreds of malformed requests, built from small tables, each answered 4xx as
 * problem+json with a request id and no stack trace, and none of them storing anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestCorpusEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-corpus-8812";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    private static final String ADMIN = "<admin>";
    private static final Map<Integer, Integer> STATUSES = new TreeMap<>();

    /** One request; {@code token} is {@link #ADMIN}, null or a literal Authorization header value. */
    record Case(String name, String method, String target, String token, Map<String, String> headers, String contentType,
                String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    private String admin;
    private String userPath;
    private String userBefore;

    @BeforeAll
    void target() throws SQLException {
        Http http = new Http(port);
        admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        Http.Response created = http.post("/api/v1/users", admin, """
                {"email":"corpus.target@example.com","password":"Corpus-pass-1","memberships":["HR"],
                 "user_metadata":{"note":"before"}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        userPath = "/api/v1/users/" + created.json().get("user_id").asString(); // raw '|'
        userBefore = http.get(created.header("Location"), admin).body();
    }

    @AfterAll
    void report() {
        int total = STATUSES.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("Malformed request corpus: " + total + " requests, statuses " + STATUSES);
    }

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        String valid = "\"email\":\"fuzz@example.com\",\"password\":\"Fuzz-pass-1\",\"memberships\":[\"HR\"]";
        // Syntax: each as a create and as a patch (JSON and merge-patch).
        List<String> garbage = List.of("", " ", "{", "}", "[", "]", "null", "true", "1", "-0", "\"s\"", "[]", "[{}]",
                "{\"email\":}", "{,}", "{\"a\":1,}", "{'email':'x@example.com'}", "{email:\"x@example.com\"}",
                "{\"email\":\"x@example.com\"", "{}x", "{}{}", "/* c */{}", "{\"email\":NaN}", "{\"user_metadata\":{\"a\":Infinity}}",
                "{\"user_metadata\":{\"a\":1e999999}}", "{\"user_metadata\":{\"a\":-}}", "{\"email\":\"\\x41\"}",
                "{\"email\":\"\\u12\"}", "{\"email\":\"tab\there@example.com\"}", "\u0001", "{\"\":1}",
                "{\"email\":\"a\"\"b\"}", "{\"user_metadata\":{\"a\":[1,2,]}}", "{\"memberships\":[\"HR\",]}");
        for (String body : garbage) {
            cases.add(new Case("create syntax " + quoted(body), "POST", "/api/v1/users", ADMIN, Map.of(), "application/json", body));
            cases.add(new Case("patch syntax " + quoted(body), "PATCH", "{user}", ADMIN, Map.of(), "application/merge-patch+json", body));
            cases.add(new Case("session syntax " + quoted(body), "POST", "/api/v1/session", null, Map.of(), "application/json", body));
        }
        // Types: every field with every wrong kind of value.
        Map<String, List<String>> wrong = new TreeMap<>(Map.of(
                "email", List.of("1", "true", "[]", "{}", "\"\"", "\"no-at\"", "\"a@b@c\"", "\"" + "x".repeat(300) + "@example.com\"",
                        "\"nul\\u0000@example.com\"", "\"zw\\u200b@example.com\"", "\"rtl\\u202e@example.com\"", "\"\\ud800@example.com\""),
                "password", List.of("1", "false", "[]", "{}", "\"\"", "\"" + "p".repeat(300) + "\"", "\"\\udfff\""),
                "memberships", List.of("\"HR\"", "1", "{}", "[1]", "[null]", "[[]]", "[\"Nowhere\"]", "[\"HR\\u0000\"]", "[\"\\ud800\"]"),
                "user_metadata", List.of("\"x\"", "1", "[]", "true", "{\"a\":\"\\u0000\"}", "{\"\\u0000\":1}", "{\"a\":\"\\ud83d\"}",
                        "{\"a\":{\"b\":{\"c\":\"\\udc00\"}}}"),
                "app_metadata", List.of("\"x\"", "1", "[]", "false", "{\"a\":\"\\u0000\"}", "{\"a\":[\"\\ud800\"]}")));
        wrong.forEach((field, values) -> values.forEach(value -> {
            Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("email", "\"fuzz@example.com\"",
                    "password", "\"Fuzz-pass-1\"", "memberships", "[\"HR\"]"));
            fields.put(field, value);
            String create = fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
            cases.add(new Case("create " + field + "=" + abbreviated(value), "POST", "/api/v1/users", ADMIN, Map.of(),
                    "application/json", create));
            cases.add(new Case("patch " + field + "=" + abbreviated(value), "PATCH", "{user}", ADMIN, Map.of(),
                    "application/merge-patch+json", "{\"" + field + "\":" + value + "}"));
        }));
        for (String value : List.of("1", "\"true\"", "null", "[]", "{}")) {
            cases.add(new Case("patch blocked=" + value, "PATCH", "{user}", ADMIN, Map.of(), "application/merge-patch+json",
                    "{\"blocked\":" + value + "}"));
        }
        for (String field : List.of("user_id", "connection", "created_at", "logins_count", "unknown", "Email", "email ")) {
            cases.add(new Case("patch read-only or unknown " + field, "PATCH", "{user}", ADMIN, Map.of(),
                    "application/merge-patch+json", "{\"" + field + "\":\"x\"}"));
            if (field.equals("connection")) {
                continue; // a create may name its connection: an unknown one is a denial, audited
            }
            cases.add(new Case("create unknown " + field, "POST", "/api/v1/users", ADMIN, Map.of(), "application/json",
                    "{" + valid + ",\"" + field + "\":\"x\"}"));
        }
        // Duplicate keys, at the top and inside metadata.
        for (String field : List.of("email", "password", "memberships", "user_metadata", "app_metadata")) {
            cases.add(new Case("create duplicate " + field, "POST", "/api/v1/users", ADMIN, Map.of(), "application/json",
                    "{" + valid + ",\"user_metadata\":{},\"app_metadata\":{},\"" + field + "\":null}"
                            .replace(",\"" + field + "\":null", ",\"" + field + "\":" + (field.endsWith("metadata") ? "{}" : "\"dup\""))));
        }
        cases.add(new Case("patch duplicate blocked", "PATCH", "{user}", ADMIN, Map.of(), "application/merge-patch+json",
                "{\"blocked\":false,\"blocked\":true}"));
        cases.add(new Case("patch duplicate metadata key", "PATCH", "{user}", ADMIN, Map.of(), "application/merge-patch+json",
                "{\"user_metadata\":{\"note\":\"a\",\"note\":\"b\"}}"));
        // Nesting, up to 10,000 levels, as arrays and as objects, at the top and in metadata.
        for (int depth : new int[] {33, 100, 1_000, 10_000}) {
            String arrays = "[".repeat(depth) + "]".repeat(depth);
            String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            cases.add(new Case("create nested arrays " + depth, "POST", "/api/v1/users", ADMIN, Map.of(), "application/json", arrays));
            cases.add(new Case("create metadata nested arrays " + depth, "POST", "/api/v1/users", ADMIN, Map.of(), "application/json",
                    "{" + valid + ",\"user_metadata\":{\"a\":" + arrays + "}}"));
            cases.add(new Case("create metadata nested objects " + depth, "POST", "/api/v1/users", ADMIN, Map.of(), "application/json",
                    "{" + valid + ",\"user_metadata\":" + objects + "}"));
            cases.add(new Case("patch metadata nested objects " + depth, "PATCH", "{user}", ADMIN, Map.of(),
                    "application/merge-patch+json", "{\"app_metadata\":" + objects + "}"));
            cases.add(new Case("simulate nested " + depth, "POST", "/api/v1/policies/simulate", ADMIN, Map.of(), "application/json",
                    "{\"method\":\"create\",\"payload\":" + objects + "}"));
        }
        // Sizes.
        StringBuilder manyKeys = new StringBuilder("{");
        for (int i = 0; i <= 100; i++) {
            manyKeys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        manyKeys.append('}');
        cases.add(new Case("create 101 metadata keys", "POST", "/api/v1/users", ADMIN, Map.of(), "application/json",
                "{" + valid + ",\"user_metadata\":" + manyKeys + "}"));
        cases.add(new Case("patch 101 metadata keys", "PATCH", "{user}", ADMIN, Map.of(), "application/merge-patch+json",
                "{\"user_metadata\":" + manyKeys + "}"));
        for (int kb : new int[] {65, 256, 1024}) {
            cases.add(new Case("create body " + kb + " KB", "POST", "/api/v1/users", ADMIN, Map.of(), "application/json",
                    "{" + valid + ",\"user_metadata\":{\"big\":\"" + "z".repeat(kb * 1024) + "\"}}"));
            cases.add(new Case("patch body " + kb + " KB", "PATCH", "{user}", ADMIN, Map.of(), "application/merge-patch+json",
                    "{\"user_metadata\":{\"big\":\"" + "z".repeat(kb * 1024) + "\"}}"));
        }
        // Content types and methods.
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/json-patch+json", "application/octet-stream", "not a type", "application/json;charset=nope")) {
            cases.add(new Case("create as " + type, "POST", "/api/v1/users", ADMIN, Map.of(), type, "{" + valid + "}"));
            cases.add(new Case("patch as " + type, "PATCH", "{user}", ADMIN, Map.of(), type, "{\"blocked\":true}"));
        }
        cases.add(new Case("create without content type", "POST", "/api/v1/users", ADMIN, Map.of(), null, "{" + valid + "}"));
        for (String[] call : new String[][] {{"PUT", "/api/v1/users"}, {"DELETE", "/api/v1/users"}, {"POST", "{user}"},
                {"PUT", "{user}"}, {"PATCH", "/api/v1/users"}, {"DELETE", "/api/v1/me"}, {"POST", "/api/v1/audit-events"},
                {"DELETE", "/api/v1/policies"}, {"GET", "/api/v1/session"}, {"PROPFIND", "/api/v1/users"}}) {
            cases.add(new Case(call[0] + " " + call[1], call[0], call[1], ADMIN, Map.of(), null, null));
        }
        // Query values.
        Map<String, List<String>> queries = new TreeMap<>(Map.of(
                "/api/v1/users?page=", List.of("-1", "2147483647", "2147483648", "1e3", "abc", "%00", "9".repeat(40), "10&per_page=100"),
                "/api/v1/users?per_page=", List.of("0", "-5", "101", "2147483647", "x", "1.5"),
                "/api/v1/users?include_totals=", List.of("maybe", "2", "%00"),
                "/api/v1/users?search=", List.of("%00", "a%00b", "x".repeat(300), "%ED%A0%80", "%FF"),
                "/api/v1/users?department=", List.of("Nowhere", "%00", "HR%00"),
                "/api/v1/audit-events?limit=", List.of("0", "-1", "1001", "2147483648", "x"),
                "/api/v1/audit-events?cursor=", List.of("x", "%00", "AAAA", "bm90LWEtY3Vyc29y", "-1"),
                "/api/v1/audit-events?from=", List.of("yesterday", "%2B294277-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
                        "2025-13-01T00:00:00Z", "%00"),
                "/api/v1/audit-events?to=", List.of("%2B1000000000-01-01T00:00:00Z", "1", "2025-01-01"),
                "/api/v1/audit-events?action=", List.of("explode", "%00", "user.create%00")));
        queries.forEach((prefix, values) -> values.forEach(value ->
                cases.add(new Case("query " + prefix + abbreviated(value), "GET", prefix + value, ADMIN, Map.of(), null, null))));
        for (String filter : List.of("actor", "target", "rule", "decision", "outcome", "department")) {
            for (String accept : List.of("application/json", "text/csv", "application/x-ndjson")) {
                cases.add(new Case("audit " + filter + " NUL as " + accept, "GET", "/api/v1/audit-events?" + filter + "=a%00b",
                        ADMIN, Map.of("Accept", accept), null, null));
            }
        }
        // Paths.
        for (String path : List.of("/api/v1/users/%00", "/api/v1/users/..%2F..%2Fetc", "/api/v1/users/%2e%2e/%2e%2e/etc/passwd",
                "/api/v1/users/%zz", "/api/v1/users/a%5Cb", "/api/v1/users/%ED%A0%80", "/api/v1/users/local|unknown",
                "/api/v1/users/local%7Cunknown", "/api/v1/users/" + "x".repeat(300), "/api/v1/users/" + "y".repeat(7000),
                "/api/v1/nope", "/api/v2/users", "/api/v1/policies/versions/abc", "/api/v1/policies/versions/99999999999999999999",
                "/api/v1/policies/versions/-1", "/api/v1/users//", "/api/v1/users/%20", "/api/v1/users/a;jsessionid=1",
                "/api/v1/users/..;/..;/actuator", "//api/v1/users", "/api/v1/users/\u00e9", "/api/v1/users/%C0%AF")) {
            cases.add(new Case("path " + abbreviated(path), "GET", path, ADMIN, Map.of(), null, null));
            cases.add(new Case("delete path " + abbreviated(path), "DELETE", path, ADMIN, Map.of(), null, null));
        }
        // Headers: credentials, accept, request ids.
        for (String authorization : List.of("", "Bearer", "Bearer ", "Bearer x", "Bearer a.b.c", "Basic YWRtaW46YWRtaW4=",
                "bearer", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.", "Bearer " + "t".repeat(7000), "Token abc",
                "Bearer a.b.c, Bearer d.e.f", "Bearer \u0001")) {
            cases.add(new Case("authorization " + abbreviated(authorization), "GET", "/api/v1/users", authorization, Map.of(), null, null));
            cases.add(new Case("authorization on patch " + abbreviated(authorization), "PATCH", "{user}", authorization, Map.of(),
                    "application/merge-patch+json", "{\"blocked\":true}"));
        }
        for (String accept : List.of("image/png", "text/html", "application/xml", "application/*;q=0")) {
            cases.add(new Case("accept " + accept + " on an error", "GET", "/api/v1/users/local|unknown", ADMIN,
                    Map.of("Accept", accept), null, null));
        }
        for (String id : List.of("a b", "<script>", "x".repeat(200), "id\u00e9", "' or 1=1 --")) {
            cases.add(new Case("request id " + abbreviated(id), "GET", "/api/v1/users/local|unknown", ADMIN,
                    Map.of("X-Request-Id", id), null, null));
        }
        cases.add(new Case("header 9 KB", "GET", "/api/v1/users", "Bearer " + "h".repeat(9 * 1024), Map.of(), null, null));
        cases.add(new Case("cookie 20 KB", "GET", "/api/v1/users", ADMIN, Map.of("Cookie", "c=" + "k".repeat(20 * 1024)), null, null));
        return cases.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("corpus")
    void malformed_requests_are_4xx_problems_and_store_nothing(Case request) throws SQLException {
        long users = count("select count(*) from local_user");
        long auditRows = count("select count(*) from audit_event where rule is distinct from 'invalid-input'");
        long refusedRows = count("select count(*) from audit_event where rule = 'invalid-input'");
        RawHttp.Response response = send(request);
        synchronized (STATUSES) {
            STATUSES.merge(response.status(), 1, Integer::sum);
        }
        assertThat(response.status()).as(request + ": " + response.body()).isBetween(400, 499);
        assertThat(response.header("Content-Type")).as(request.name()).startsWith("application/problem+json");
        String requestId = response.header("X-Request-Id");
        assertThat(requestId).as(request.name()).isNotBlank();
        assertThat(response.json().get("request_id").asString()).isEqualTo(requestId);
        assertThat(response.body()).as(request.name()).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("org.springframework").doesNotContain("<html");
        assertThat(count("select count(*) from local_user")).as(request.name()).isEqualTo(users);
        assertThat(count("select count(*) from audit_event where rule is distinct from 'invalid-input'"))
                .as(request.name()).isEqualTo(auditRows);
        // A user write refused for a string the database cannot hold is audited (issue 13 item 3): one row at most.
        boolean userWrite = request.target().equals("{user}") || request.target().equals("/api/v1/users");
        assertThat(count("select count(*) from audit_event where rule = 'invalid-input'")).as(request.name())
                .isBetween(refusedRows, refusedRows + (userWrite && ADMIN.equals(request.token()) ? 1 : 0));
        assertThat(new Http(port).get(userPath.replace("|", "%7C"), admin).body()).as(request.name()).isEqualTo(userBefore);
    }

    private RawHttp.Response send(Case request) {
        Map<String, String> headers = new TreeMap<>(request.headers());
        if (ADMIN.equals(request.token())) {
            headers.put("Authorization", "Bearer " + admin);
        } else if (request.token() != null) {
            headers.put("Authorization", request.token());
        }
        String target = request.target().replace("{user}", userPath);
        return new RawHttp(port).send(request.method(), target, headers, request.contentType(), request.body());
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = DATABASE.getConnection();
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String quoted(String body) {
        return "'" + abbreviated(body) + "'";
    }

    private static String abbreviated(String text) {
        String printable = text.codePoints().mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce("", String::concat);
        return printable.length() > 40 ? printable.substring(0, 40) + "…(" + text.length() + ")" : printable;
    }
}
