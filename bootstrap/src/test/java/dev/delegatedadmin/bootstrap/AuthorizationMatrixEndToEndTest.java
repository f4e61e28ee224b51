package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import dev.delegatedadmin.bootstrap.TestUsers.TestUser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 11's authorization matrix, end to end on the local IdP: every role × department × endpoint and write action,
 * including acting on oneself and on a peer of the same rank, each cell with its expected status. User ids travel
 * with a raw {@code |} in the path, as curl and browsers send them. Every cell is printed with expected and actual
 * status. Each write cell gets a fresh target (and, acting on oneself, a fresh actor), so cells never depend on
 * each other's order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-4471";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, TestDatabase.freshDatabase());
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    }

    /** The actor's role; {@code NONE} is a signed-in user without any. */
    enum Role {
        NONE, AUDITOR, USER_ADMIN, OPERATOR, ADMINISTRATOR;

        String json() {
            return this == NONE ? "" : name().toLowerCase().replace('_', '-');
        }
    }

    /** Where actor and target are: own (both Finance), other (Finance actor, HR target), unrestricted (IT actor, HR). */
    enum Column {
        OWN("Finance", "Finance"), OTHER("Finance", "HR"), UNRESTRICTED("IT", "HR");

        final String actorDepartment;
        final String targetDepartment;

        Column(String actorDepartment, String targetDepartment) {
            this.actorDepartment = actorDepartment;
            this.targetDepartment = targetDepartment;
        }
    }

    /** Whom a user action is aimed at: nobody, a role-less user, a user of the actor's role, the actor themself. */
    enum Target { NONE, PLAIN, PEER, SELF }

    @FunctionalInterface
    interface Request {
        Http.Response send(Http http, String token, String targetPath, Column column);
    }

    record Action(String name, Target target, Request request) {
    }

    /** One line of the table: an action and its 15 expected statuses, "own other unrestricted" for each role. */
    record Row(Action action, List<String> expected) {
        String expected(Role role, Column column) {
            return expected.get(role.ordinal() * 3 + column.ordinal());
        }
    }

    private static Row row(Action action, String none, String auditor, String userAdmin, String operator,
                           String administrator) {
        List<String> cells = new ArrayList<>();
        for (String group : List.of(none, auditor, userAdmin, operator, administrator)) {
            cells.addAll(List.of(group.split(" ")));
        }
        assertThat(cells).as(action.name()).hasSize(15);
        return new Row(action, cells);
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String documentJson;

    private static Action get(String name, String path) {
        return new Action(name, Target.NONE, (http, token, target, column) ->
                http.get(path.replace("{dept}", column.targetDepartment), token));
    }

    private static Action export(String name, String mediaType) {
        return new Action(name, Target.NONE, (http, token, target, column) ->
                http.getAccepting("/api/v1/audit-events?department=" + column.targetDepartment, token, mediaType));
    }

    private static Action post(String name, String path, String body) {
        return new Action(name, Target.NONE, (http, token, target, column) -> http.post(path, token, body));
    }

    private static Action create(String name, String roles) {
        return new Action(name, Target.NONE, (http, token, target, column) -> http.post("/api/v1/users", token, """
                {"email":"created-%d@example.com","password":"Created-pass-e2e-1","memberships":["%s"]%s}"""
                .formatted(COUNTER.incrementAndGet(), column.targetDepartment, roles)));
    }

    private static Action patch(String name, Target target, String body) {
        return new Action(name + " " + target.name().toLowerCase(), target, (http, token, path, column) ->
                http.raw("PATCH", path, token, MERGE_PATCH, body.replace("{n}", "" + COUNTER.incrementAndGet())));
    }

    private static Action readUser(Target target) {
        return new Action("GET /users/{id} " + target.name().toLowerCase(), target, (http, token, path, column) ->
                http.raw("GET", path, token, null, null));
    }

    private static Action deleteUser(Target target) {
        return new Action("DELETE /users/{id} " + target.name().toLowerCase(), target, (http, token, path, column) ->
                http.raw("DELETE", path, token, null, null));
    }

    private static final String SIMULATION = """
            {"actor":{"email":"kelly@example.com","department":"Finance","roles":["user-admin"]},
             "method":"create","payload":{"email":"new@example.com","memberships":["HR"]}}""";
    private static final String METADATA = "{\"user_metadata\":{\"desk\":\"M-{n}\"}}";
    private static final String EMAIL = "{\"email\":\"changed-{n}@example.com\"}";
    private static final String PASSWORD = "{\"password\":\"Changed-pass-e2e-{n}\"}";
    private static final String BLOCKED = "{\"blocked\":true}";
    private static final String ROLES = "{\"app_metadata\":{\"roles\":[\"auditor\",\"administrator\"]}}";
    private static final String MEMBERSHIPS = "{\"memberships\":[\"Sales\"]}";

    /** The matrix. "-" is a cell that cannot exist (oneself in another department). */
    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>(List.of(
                //                                                   none         auditor      user-admin   operator     administrator
                //                                                   own oth unr  own oth unr  own oth unr  own oth unr  own oth unr
                row(get("GET /me", "/api/v1/me"),                    "200 200 200", "200 200 200", "200 200 200", "200 200 200", "200 200 200"),
                row(get("GET /memberships", "/api/v1/memberships"),  "200 200 200", "200 200 200", "200 200 200", "200 200 200", "200 200 200"),
                row(get("GET /users?department=", "/api/v1/users?department={dept}"),
                                                                     "403 403 403", "200 200 200", "200 200 200", "200 200 200", "200 200 200"),
                row(get("GET /audit-events?department=", "/api/v1/audit-events?department={dept}"),
                                                                     "403 403 403", "403 403 403", "403 403 403", "200 200 200", "200 200 200"),
                row(export("GET /audit-events (CSV)", "text/csv"),   "403 403 403", "403 403 403", "403 403 403", "200 200 200", "200 200 200"),
                row(export("GET /audit-events (NDJSON)", "application/x-ndjson"),
                                                                     "403 403 403", "403 403 403", "403 403 403", "200 200 200", "200 200 200"),
                row(get("GET /audit-events/verify", "/api/v1/audit-events/verify"),
                                                                     "403 403 403", "403 403 403", "403 403 403", "403 403 403", "200 200 200"),
                row(get("GET /policies", "/api/v1/policies"),        "403 403 403", "403 403 403", "403 403 403", "403 403 403", "200 200 200"),
                row(get("GET /policies/versions", "/api/v1/policies/versions"),
                                                                     "403 403 403", "403 403 403", "403 403 403", "403 403 403", "200 200 200"),
                row(get("GET /policies/versions/1", "/api/v1/policies/versions/1"),
                                                                     "403 403 403", "403 403 403", "403 403 403", "403 403 403", "200 200 200"),
                row(new Action("PUT /policies (unchanged)", Target.NONE, (http, token, target, column) ->
                        http.put("/api/v1/policies", token, documentJson)),
                                                                     "403 403 403", "403 403 403", "403 403 403", "403 403 403", "200 200 200"),
                row(post("POST /policies/versions/1/activate", "/api/v1/policies/versions/1/activate", ""),
                                                                     "403 403 403", "403 403 403", "403 403 403", "403 403 403", "200 200 200"),
                row(post("POST /policies/simulate", "/api/v1/policies/simulate", SIMULATION),
                                                                     "403 403 403", "403 403 403", "403 403 403", "403 403 403", "200 200 200"),
                row(create("POST /users", ""),                       "403 403 403", "403 403 403", "201 403 201", "201 403 201", "201 201 201"),
                row(create("POST /users with roles", ",\"app_metadata\":{\"roles\":[\"auditor\"]}"),
                                                                     "403 403 403", "403 403 403", "403 403 403", "403 403 403", "201 201 201"),

                // A role-less user of the target department.
                row(readUser(Target.PLAIN),                          "403 403 403", "200 404 200", "200 404 200", "200 404 200", "200 200 200"),
                row(patch("PATCH metadata", Target.PLAIN, METADATA), "403 403 403", "403 403 403", "200 404 200", "200 404 200", "200 200 200"),
                row(patch("PATCH email", Target.PLAIN, EMAIL),       "403 403 403", "403 403 403", "200 404 200", "200 404 200", "200 200 200"),
                row(patch("PATCH password", Target.PLAIN, PASSWORD), "403 403 403", "403 403 403", "200 404 200", "200 404 200", "200 200 200"),
                row(patch("PATCH blocked", Target.PLAIN, BLOCKED),   "403 403 403", "403 403 403", "200 404 200", "200 404 200", "200 200 200"),
                row(patch("PATCH roles", Target.PLAIN, ROLES),       "403 403 403", "403 403 403", "403 404 403", "403 404 403", "200 200 200"),
                row(patch("PATCH memberships", Target.PLAIN, MEMBERSHIPS),
                                                                     "403 403 403", "403 403 403", "403 404 200", "403 404 200", "200 200 200"),
                row(deleteUser(Target.PLAIN),                        "403 403 403", "403 403 403", "204 404 204", "204 404 204", "204 204 204"),

                // A peer: the actor's role, in the target department.
                row(readUser(Target.PEER),                           "403 403 403", "200 404 200", "200 404 200", "200 404 200", "200 200 200"),
                row(patch("PATCH metadata", Target.PEER, METADATA),  "403 403 403", "403 403 403", "200 404 200", "200 404 200", "200 200 200"),
                // peer-protected: changing a peer's credentials, blocking or deleting them needs a higher role.
                // Administrators may act on administrators, or nobody could stop a rogue one.
                row(patch("PATCH email", Target.PEER, EMAIL),        "403 403 403", "403 403 403", "403 404 403", "403 404 403", "200 200 200"),
                row(patch("PATCH password", Target.PEER, PASSWORD),  "403 403 403", "403 403 403", "403 404 403", "403 404 403", "200 200 200"),
                row(patch("PATCH blocked", Target.PEER, BLOCKED),    "403 403 403", "403 403 403", "403 404 403", "403 404 403", "200 200 200"),
                row(patch("PATCH roles", Target.PEER, ROLES),        "403 403 403", "403 403 403", "403 404 403", "403 404 403", "200 200 200"),
                row(patch("PATCH memberships", Target.PEER, MEMBERSHIPS),
                                                                     "403 403 403", "403 403 403", "403 404 200", "403 404 200", "200 200 200"),
                row(deleteUser(Target.PEER),                         "403 403 403", "403 403 403", "403 404 403", "403 404 403", "204 204 204"),

                // Oneself: no-self-change (blocked, roles, memberships) and no-self-delete.
                row(readUser(Target.SELF),                           "403 - 403", "200 - 200", "200 - 200", "200 - 200", "200 - 200"),
                row(patch("PATCH metadata", Target.SELF, METADATA),  "403 - 403", "403 - 403", "200 - 200", "200 - 200", "200 - 200"),
                row(patch("PATCH email", Target.SELF, EMAIL),        "403 - 403", "403 - 403", "200 - 200", "200 - 200", "200 - 200"),
                row(patch("PATCH password", Target.SELF, PASSWORD),  "403 - 403", "403 - 403", "200 - 200", "200 - 200", "200 - 200"),
                row(patch("PATCH blocked", Target.SELF, BLOCKED),    "403 - 403", "403 - 403", "403 - 403", "403 - 403", "403 - 403"),
                row(patch("PATCH roles", Target.SELF, ROLES),        "403 - 403", "403 - 403", "403 - 403", "403 - 403", "403 - 403"),
                row(patch("PATCH memberships", Target.SELF, MEMBERSHIPS),
                                                                     "403 - 403", "403 - 403", "403 - 403", "403 - 403", "403 - 403"),
                row(deleteUser(Target.SELF),                         "403 - 403", "403 - 403", "403 - 403", "403 - 403", "403 - 403")));
        return rows;
    }

    @LocalServerPort
    int port;

    private Http http;
    private TestUsers users;
    private final Map<Role, Map<Column, TestUser>> actors = new EnumMap<>(Role.class);

    @BeforeAll
    void actors() {
        http = new Http(port);
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        users = new TestUsers(http, admin);
        documentJson = http.get("/api/v1/policies", admin).json().get("document").toString();
        for (Role role : Role.values()) {
            Map<Column, TestUser> byColumn = new EnumMap<>(Column.class);
            TestUser finance = user(role, "Finance");
            byColumn.put(Column.OWN, finance);
            byColumn.put(Column.OTHER, finance);
            byColumn.put(Column.UNRESTRICTED, user(role, "IT"));
            actors.put(role, byColumn);
        }
    }

    @Test
    void every_cell_has_its_expected_status() {
        List<String> mismatches = new ArrayList<>();
        StringBuilder table = new StringBuilder("\nAuthorization matrix (expected/actual; !! marks a mismatch)\n");
        table.append(String.format("%-36s", "action"));
        for (Role role : Role.values()) {
            table.append(String.format("| %-23s", role.name().toLowerCase() + " own/oth/unr"));
        }
        table.append('\n');
        for (Row row : rows()) {
            table.append(String.format("%-36s", row.action().name()));
            for (Role role : Role.values()) {
                StringBuilder group = new StringBuilder();
                for (Column column : Column.values()) {
                    String expected = row.expected(role, column);
                    String actual = expected.equals("-") ? "-" : Integer.toString(run(row.action(), role, column));
                    boolean ok = expected.equals(actual);
                    System.out.printf("cell role=%-13s department=%-12s action=%-36s expected=%s actual=%s%s%n",
                            role.name().toLowerCase(), column.name().toLowerCase(), row.action().name(), expected,
                            actual, ok ? "" : "  MISMATCH");
                    group.append(ok ? actual : expected + "/" + actual + "!!").append(' ');
                    if (!ok) {
                        mismatches.add(role + " " + column + " " + row.action().name() + ": expected " + expected
                                + ", got " + actual);
                    }
                }
                table.append(String.format("| %-23s", group.toString().trim()));
            }
            table.append('\n');
        }
        System.out.println(table);
        assertThat(mismatches).as("cells whose status differs").isEmpty();
    }

    /** Anonymous or not, a raw {@code |} in a user path gets the right problem, never a 500 (issue 13 item 1). */
    @Test
    void a_raw_pipe_in_a_user_path_gets_the_right_problem() {
        TestUser admin = actors.get(Role.ADMINISTRATOR).get(Column.OWN);
        TestUser financeAdmin = actors.get(Role.USER_ADMIN).get(Column.OWN);
        TestUser hrUser = users.create("raw-pipe-" + COUNTER.incrementAndGet() + "@example.com", "HR");
        List<Http.Response> answers = List.of(
                http.raw("GET", "/api/v1/users/local|unknown", admin.token(), null, null),
                http.raw("PATCH", "/api/v1/users/" + hrUser.id(), financeAdmin.token(), MERGE_PATCH, BLOCKED),
                http.raw("DELETE", "/api/v1/users/" + hrUser.id(), financeAdmin.token(), null, null),
                http.raw("GET", "/api/v1/users/" + hrUser.id(), null, null, null));
        assertThat(answers).extracting(Http.Response::status).containsExactly(404, 404, 404, 401);
        for (Http.Response answer : answers) {
            assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/problem+json");
            assertThat(answer.json().get("instance").asString()).as(answer.body()).startsWith("/api/v1/users/local%7C");
            assertThat(answer.header("X-Request-Id")).isNotBlank();
        }
        assertThat(answers.getLast().header("WWW-Authenticate")).startsWith("Bearer");
    }

    private int run(Action action, Role role, Column column) {
        TestUser actor = action.target() == Target.SELF
                ? user(role, column.actorDepartment)
                : actors.get(role).get(column);
        String targetId = switch (action.target()) {
            case NONE -> "";
            case PLAIN -> user(Role.NONE, column.targetDepartment).id();
            case PEER -> user(role, column.targetDepartment).id();
            case SELF -> actor.id();
        };
        return action.request().send(http, actor.token(), "/api/v1/users/" + targetId, column).status();
    }

    private TestUser user(Role role, String department) {
        String email = role.name().toLowerCase() + "-" + department.toLowerCase() + "-" + COUNTER.incrementAndGet()
                + "@example.com";
        return role == Role.NONE ? users.create(email, department) : users.create(email, department, role.json());
    }
}
