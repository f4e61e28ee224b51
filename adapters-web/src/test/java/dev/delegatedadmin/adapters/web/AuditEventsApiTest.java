package dev.delegatedadmin.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The audit trail over HTTP: operators only, newest first, opaque cursors. */
class AuditEventsApiTest extends ApiTest {

    @Test
    void operatorReadsFlatEventsNewestFirst() {
        Person operator = person("IT", "operator");
        Person admin = person("Finance", "user-admin");
        api.post("/api/v1/users").token(admin.token()).header("X-Request-Id", "audit-deny-1")
                .json(createBody(unique("hr") + "@example.com", "HR")).send();
        api.post("/api/v1/users").token(admin.token()).json(createBody(unique("fin") + "@example.com", "Finance")).send();

        Api.Response response = api.get("/api/v1/audit-events?actor=" + admin.id().replace("|", "%7C"))
                .token(operator.token()).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode events = response.json().get("events");
        assertThat(events.size()).isEqualTo(2);
        assertThat(response.json().has("next_cursor")).isTrue();
        assertThat(response.json().get("next_cursor").isNull()).isTrue();
        JsonNode newest = events.get(0);
        JsonNode denied = events.get(1);
        assertThat(newest.get("id").longValue()).isGreaterThan(denied.get("id").longValue());
        assertThat(newest.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(newest.get("changed_fields").valueStream().map(JsonNode::stringValue))
                .contains("email", "password", "app_metadata.department");
        assertThat(newest.get("completed_at").stringValue()).endsWith("Z");
        assertThat(denied.get("action").stringValue()).isEqualTo("user.create");
        assertThat(denied.get("decision").stringValue()).isEqualTo("denied");
        assertThat(denied.get("status").stringValue()).isEqualTo("denied");
        assertThat(denied.get("rule").stringValue()).isEqualTo("own-department-only");
        assertThat(denied.get("message").stringValue()).isEqualTo("You can only create users within your own department.");
        // The client's X-Request-Id is kept beside the service's own id, never in its place.
        assertThat(denied.get("client_request_id").stringValue()).isEqualTo("audit-deny-1");
        assertThat(denied.get("request_id").stringValue()).isNotEqualTo("audit-deny-1").hasSize(36);
        assertThat(denied.get("actor_id").stringValue()).isEqualTo(admin.id());
        assertThat(denied.get("actor_email").stringValue()).isEqualTo(admin.email());
        assertThat(denied.get("actor_department").stringValue()).isEqualTo("Finance");
        assertThat(denied.get("occurred_at").stringValue()).endsWith("Z");
        for (String field : List.of("target_id", "target_email", "detail", "completed_at")) {
            assertThat(denied.has(field)).as(field).isTrue();
        }
        assertThat(response.body()).doesNotContain("S3cret-pass!");
    }

    @Test
    void userAdminCannotReadTheTrail() {
        Person admin = person("IT", "user-admin");

        JsonNode problem = assertProblem(api.get("/api/v1/audit-events").token(admin.token()).send(), 403, "forbidden");

        assertThat(problem.get("rule").stringValue()).isEqualTo("role-required");
        assertThat(problem.get("detail").stringValue()).isEqualTo("This action requires the role operator.");
    }

    @Test
    void pagesFollowTheCursorUntilItIsNull() {
        Person operator = person("IT", "operator");
        Person auditor = person("Finance", "auditor");
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/users").token(auditor.token()).json(createBody(unique("x") + "@example.com", "Finance")).send();
        }
        String query = "/api/v1/audit-events?limit=2&action=user.create&outcome=denied&actor="
                + auditor.id().replace("|", "%7C");

        List<Long> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get(query + (cursor == null ? "" : "&cursor=" + cursor)).token(operator.token()).send().json();
            page.get("events").valueStream().forEach(event -> ids.add(event.get("id").longValue()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").stringValue();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(5).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void timeRangeFilters() {
        Person operator = person("IT", "operator");

        JsonNode future = api.get("/api/v1/audit-events?from=2999-01-01T00:00:00Z").token(operator.token()).send().json();
        JsonNode past = api.get("/api/v1/audit-events?to=2000-01-01T00:00:00Z").token(operator.token()).send().json();

        assertThat(future.get("events").isEmpty()).isTrue();
        assertThat(past.get("events").isEmpty()).isTrue();
    }

    @Test
    void badParametersAreReportedPerField() {
        Person operator = person("IT", "operator");

        Api.Response response = api.get("/api/v1/audit-events?action=user.explode&outcome=maybe&from=yesterday"
                + "&to=2025-13-01T00:00:00Z&limit=0&cursor=%21%21%21").token(operator.token()).send();

        assertThat(errorFields(assertProblem(response, 400, "invalid-input")))
                .containsExactlyInAnyOrder("action", "outcome", "from", "to", "limit", "cursor");
    }

    @Test
    void aWellFormedButForeignCursorIs400() {
        Person operator = person("IT", "operator");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("12".getBytes());

        assertThat(errorFields(assertProblem(api.get("/api/v1/audit-events?cursor=" + forged).token(operator.token()).send(),
                400, "invalid-input"))).containsExactly("cursor");
        assertThat(errorFields(assertProblem(api.get("/api/v1/audit-events?limit=201").token(operator.token()).send(),
                400, "invalid-input"))).containsExactly("limit");
        assertThat(errorFields(assertProblem(api.get("/api/v1/audit-events?limit=ten").token(operator.token()).send(),
                400, "invalid-input"))).containsExactly("limit");
    }

    @Test
    void newFiltersNarrowTheList() {
        Person operator = person("IT", "operator");
        Person admin = person("Finance", "user-admin");
        api.post("/api/v1/users").token(admin.token()).json(createBody(unique("hr") + "@example.com", "HR")).send();
        api.post("/api/v1/users").token(admin.token()).json(createBody(unique("fin") + "@example.com", "Finance")).send();
        String mine = "&actor=" + admin.id().replace("|", "%7C");

        JsonNode denied = api.get("/api/v1/audit-events?decision=denied&rule=own-department-only" + mine)
                .token(operator.token()).send().json();
        JsonNode allowedFinance = api.get("/api/v1/audit-events?decision=allowed&department=Finance" + mine)
                .token(operator.token()).send().json();

        assertThat(denied.get("events").size()).isEqualTo(1);
        assertThat(denied.get("events").get(0).get("rule").stringValue()).isEqualTo("own-department-only");
        assertThat(allowedFinance.get("events").size()).isEqualTo(1);
        JsonNode created = allowedFinance.get("events").get(0);
        assertThat(created.get("target_department").stringValue()).isEqualTo("Finance");
        assertThat(created.get("changes").valueStream().map(c -> c.get("field").stringValue()))
                .contains("email", "password", "app_metadata.department");
        JsonNode password = created.get("changes").valueStream()
                .filter(c -> c.get("field").stringValue().equals("password")).findFirst().orElseThrow();
        assertThat(password.get("redacted").booleanValue()).isTrue();
        assertThat(password.get("after").stringValue()).isEqualTo("<redacted, changed>");
        assertThat(errorFields(assertProblem(api.get("/api/v1/audit-events?decision=maybe&rule=" + "r".repeat(201))
                .token(operator.token()).send(), 400, "invalid-input"))).containsExactlyInAnyOrder("decision", "rule");
    }

    @Test
    void ndjsonAndCsvExportsStreamEveryMatchingEvent() {
        Person operator = person("IT", "operator");
        Person auditor = person("Finance", "auditor");
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/users").token(auditor.token()).json(createBody("=cmd" + unique("x") + "@example.com", "Finance")).send();
        }
        String query = "/api/v1/audit-events?actor=" + auditor.id().replace("|", "%7C");

        Api.Response ndjson = api.get(query).token(operator.token()).header("Accept", "application/x-ndjson").send();
        Api.Response csv = api.get(query).token(operator.token()).header("Accept", "text/csv").send();

        assertThat(ndjson.status()).as(ndjson.toString()).isEqualTo(200);
        assertThat(ndjson.contentType()).startsWith("application/x-ndjson");
        assertThat(ndjson.header("X-Request-Id")).isNotBlank();
        List<String> lines = ndjson.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).allSatisfy(line -> assertThat(Api.JSON.readTree(line).get("rule").stringValue())
                .isEqualTo("role-required"));
        assertThat(Api.JSON.readTree(lines.get(0)).get("id").longValue())
                .isGreaterThan(Api.JSON.readTree(lines.get(2)).get("id").longValue());

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).startsWith("id,occurred_at,request_id,client_request_id,actor_id");
        // A target email starting with '=' cannot become a spreadsheet formula.
        assertThat(rows.get(1)).contains(",'=cmd").doesNotContain(",=cmd");
    }

    @Test
    void exportsCheckTheRoleAndTheParametersBeforeStreaming() {
        Person admin = person("IT", "user-admin");
        Person operator = person("IT", "operator");

        Api.Response refused = api.get("/api/v1/audit-events").token(admin.token()).header("Accept", "text/csv").send();
        Api.Response invalid = api.get("/api/v1/audit-events?outcome=maybe").token(operator.token())
                .header("Accept", "application/x-ndjson").send();

        assertThat(assertProblem(refused, 403, "forbidden").get("rule").stringValue()).isEqualTo("role-required");
        assertThat(errorFields(assertProblem(invalid, 400, "invalid-input"))).containsExactly("outcome");
    }

    @Test
    void onlyAdministratorsVerifyTheChain() {
        Person operator = person("IT", "operator");
        Person administrator = person("IT", "administrator");

        Api.Response refused = api.get("/api/v1/audit-events/verify").token(operator.token()).send();
        Api.Response report = api.get("/api/v1/audit-events/verify").token(administrator.token()).send();

        assertThat(assertProblem(refused, 403, "forbidden").get("detail").stringValue())
                .isEqualTo("This action requires the role administrator.");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.json().get("intact").booleanValue()).isTrue();
        assertThat(report.json().has("first_broken")).isTrue();
        assertThat(report.json().has("unsealed_rows")).isTrue();
    }
}
