package dev.delegatedadmin.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Create, read, list and delete users: statuses, shapes and the policy's denials as problems. */
class UsersApiTest extends ApiTest {

    @Test
    void createReturns201WithEncodedLocationAndTheUserWithoutPassword() {
        Person admin = person("Finance", "user-admin");
        String email = unique("new") + "@example.com";

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .json("{\"email\":\"" + email + "\",\"password\":\"S3cret-pass!\",\"memberships\":[\"Finance\"],"
                        + "\"user_metadata\":{\"givenName\":\"Ada\",\"nested\":{\"camelCase\":1.5}}}")
                .send();

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode user = response.json();
        String id = user.get("user_id").stringValue();
        assertThat(id).startsWith("test|");
        assertThat(response.header("Location")).isEqualTo("/api/v1/users/" + id.replace("|", "%7C"));
        assertThat(user.get("email").stringValue()).isEqualTo(email);
        assertThat(user.get("email_verified").booleanValue()).isFalse();
        assertThat(user.get("blocked").booleanValue()).isFalse();
        assertThat(user.get("app_metadata").get("department").stringValue()).isEqualTo("Finance");
        // Metadata keys are the client's own and are not snake-cased.
        assertThat(user.get("user_metadata").get("givenName").stringValue()).isEqualTo("Ada");
        assertThat(user.get("user_metadata").get("nested").get("camelCase").doubleValue()).isEqualTo(1.5);
        assertThat(user.get("created_at").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(user.get("logins_count").longValue()).isZero();
        assertThat(user.has("last_login")).isTrue();
        assertThat(user.get("last_login").isNull()).isTrue();
        assertThat(response.body()).doesNotContainIgnoringCase("password").doesNotContain("S3cret-pass!");

        Api.Response fetched = api.get(response.header("Location")).token(admin.token()).send();
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().get("user_id").stringValue()).isEqualTo(id);
    }

    @Test
    void createPassesTheRequestIdToTheAuditTrail() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/users").token(admin.token()).header("X-Request-Id", "req-create-1")
                .json(createBody(unique("new") + "@example.com", "Finance")).send();

        assertThat(response.status()).isEqualTo(201);
        assertThat(auditTrail.all()).anySatisfy(event -> {
            assertThat(event.record().requestId()).contains(response.header("X-Request-Id"));
            assertThat(event.record().clientRequestId()).contains("req-create-1");
            assertThat(event.record().actorId()).contains(admin.id());
        });
    }

    @Test
    void auditorCannotCreate() {
        Person auditor = person("Finance", "auditor");

        Api.Response response = api.post("/api/v1/users").token(auditor.token())
                .json(createBody(unique("new") + "@example.com", "Finance")).send();

        JsonNode problem = assertProblem(response, 403, "forbidden");
        assertThat(problem.get("rule").stringValue()).isEqualTo("role-required");
        assertThat(problem.get("detail").stringValue()).isEqualTo("This action requires the role user-admin.");
    }

    @Test
    void financeAdminCannotCreateAnHrUser() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .json(createBody(unique("new") + "@example.com", "HR")).send();

        JsonNode problem = assertProblem(response, 403, "forbidden");
        assertThat(problem.get("rule").stringValue()).isEqualTo("own-department-only");
        assertThat(problem.get("detail").stringValue()).isEqualTo("You can only create users within your own department.");
    }

    @Test
    void createWithoutMembershipsIsDenied() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .json("{\"email\":\"" + unique("new") + "@example.com\"}").send();

        JsonNode problem = assertProblem(response, 403, "forbidden");
        assertThat(problem.get("rule").stringValue()).isEqualTo("membership-required");
        assertThat(problem.get("detail").stringValue()).isEqualTo("The user must be created within a department.");
    }

    @Test
    void aDepartmentInAppMetadataCannotOverrideTheMembership() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .json("{\"email\":\"" + unique("new") + "@example.com\",\"memberships\":[\"Finance\"],"
                        + "\"app_metadata\":{\"department\":\"IT\"}}").send();

        assertThat(assertProblem(response, 403, "forbidden").get("rule").stringValue()).isEqualTo("protected-field");
    }

    @Test
    void createWithUnknownDepartmentIs400() {
        Person admin = person("IT", "user-admin");

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .json(createBody(unique("new") + "@example.com", "IT", "Marketing")).send();

        assertThat(errorFields(assertProblem(response, 400, "invalid-input"))).containsExactly("memberships[1]");
    }

    @Test
    void createWithInvalidValuesReportsEachField() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .json("{\"email\":\"not-an-email\",\"password\":\"\",\"memberships\":[\"Finance\",\"#bad\"]}").send();

        JsonNode problem = assertProblem(response, 400, "invalid-input");
        assertThat(errorFields(problem)).containsExactlyInAnyOrder("email", "password", "memberships[1]");
        assertThat(problem.get("errors").get(0).get("message").stringValue()).isNotBlank();
    }

    @Test
    void createWithWrongTypesReportsEachField() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .json("{\"email\":5,\"memberships\":\"Finance\",\"user_metadata\":[],\"app_metadata\":\"x\","
                        + "\"connection\":true}").send();

        assertThat(errorFields(assertProblem(response, 400, "invalid-input")))
                .containsExactlyInAnyOrder("email", "memberships", "user_metadata", "app_metadata", "connection");
    }

    @Test
    void createWithUnknownFieldIs400NamingIt() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .json("{\"email\":\"" + unique("new") + "@example.com\",\"memberships\":[\"Finance\"],\"nickname\":\"x\"}")
                .send();

        JsonNode problem = assertProblem(response, 400, "invalid-input");
        assertThat(errorFields(problem)).containsExactly("nickname");
        assertThat(problem.get("errors").get(0).get("message").stringValue()).isEqualTo("Unknown field.");
    }

    @Test
    void createWithAnEmailThatIsTakenIs409() {
        Person admin = person("Finance", "user-admin");
        String body = createBody(unique("dup") + "@example.com", "Finance");
        assertThat(api.post("/api/v1/users").token(admin.token()).json(body).send().status()).isEqualTo(201);

        assertProblem(api.post("/api/v1/users").token(admin.token()).json(body).send(), 409, "conflict");
    }

    @Test
    void createOutsideADatabaseConnectionIsDenied() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.post("/api/v1/users").token(admin.token())
                .json("{\"email\":\"" + unique("new") + "@example.com\",\"memberships\":[\"Finance\"],"
                        + "\"connection\":\"google-oauth2\"}").send();

        assertThat(assertProblem(response, 403, "forbidden").get("rule").stringValue()).isEqualTo("database-connection");
    }

    @Test
    void getInScopeReturnsTheUser() {
        Person admin = person("Finance", "auditor");
        Person colleague = person("Finance");

        Api.Response response = api.get(path(colleague)).token(admin.token()).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("email").stringValue()).isEqualTo(colleague.email());
    }

    @Test
    void getOutOfScopeIs404LikeAnUnknownUser() {
        Person admin = person("Finance", "user-admin");
        Person hr = person("HR");

        JsonNode outOfScope = assertProblem(api.get(path(hr)).token(admin.token()).send(), 404, "not-found");
        JsonNode unknown = assertProblem(api.get(path("test|999999")).token(admin.token()).send(), 404, "not-found");
        assertThat(outOfScope.get("detail")).isEqualTo(unknown.get("detail"));
    }

    @Test
    void rawPipeInThePathIsAcceptedToo() throws IOException {
        Person admin = person("Finance", "auditor");
        Person colleague = person("Finance");

        String status = rawGet("/api/v1/users/" + colleague.id(), admin.token());

        assertThat(colleague.id()).contains("|");
        assertThat(status).startsWith("HTTP/1.1 200");
    }

    @Test
    void deleteReturns204AndTheUserIsGone() {
        Person admin = person("Finance", "user-admin");
        Person leaver = person("Finance");

        Api.Response response = api.delete(path(leaver)).token(admin.token()).send();

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertProblem(api.get(path(leaver)).token(admin.token()).send(), 404, "not-found");
    }

    @Test
    void nobodyCanDeleteThemself() {
        Person admin = person("Finance", "user-admin");

        JsonNode problem = assertProblem(api.delete(path(admin)).token(admin.token()).send(), 403, "forbidden");
        assertThat(problem.get("rule").stringValue()).isEqualTo("no-self-delete");
        assertThat(problem.get("detail").stringValue()).isEqualTo("You cannot delete yourself.");
    }

    @Test
    void deleteOutOfScopeIs404() {
        Person admin = person("Finance", "user-admin");
        Person hr = person("HR");

        assertProblem(api.delete(path(hr)).token(admin.token()).send(), 404, "not-found");
    }

    @Test
    void listReturnsAPageOfUsersInScopeWithoutTotalsByDefault() {
        String tag = unique("list");
        Person admin = person("Finance", "user-admin");
        identityProvider.seed(tag + "-a@example.com", "Finance", java.util.List.of(), null);
        identityProvider.seed(tag + "-b@example.com", "Finance", java.util.List.of(), null);
        identityProvider.seed(tag + "-c@example.com", "HR", java.util.List.of(), null);

        Api.Response response = api.get("/api/v1/users?search=" + tag).token(admin.token()).send();

        assertThat(response.status()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(page.get("users").valueStream().map(u -> u.get("email").stringValue()))
                .containsExactly(tag + "-a@example.com", tag + "-b@example.com");
        assertThat(page.get("page").intValue()).isZero();
        assertThat(page.get("per_page").intValue()).isEqualTo(50);
        assertThat(page.has("total")).isFalse();
    }

    @Test
    void listWithTotalsAndPaging() {
        String tag = unique("totals");
        Person admin = person("IT", "auditor");
        for (String department : new String[] {"Finance", "HR", "IT"}) {
            identityProvider.seed(tag + "-" + department.toLowerCase() + "@example.com", department, java.util.List.of(), null);
        }

        Api.Response response = api.get("/api/v1/users?search=" + tag + "&include_totals=true&per_page=2&page=1")
                .token(admin.token()).send();

        assertThat(response.status()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(page.get("total").longValue()).isEqualTo(3);
        assertThat(page.get("page").intValue()).isEqualTo(1);
        assertThat(page.get("per_page").intValue()).isEqualTo(2);
        assertThat(page.get("users").size()).isEqualTo(1);
    }

    @Test
    void listByDepartment() {
        String tag = unique("dept");
        Person admin = person("IT", "auditor");
        identityProvider.seed(tag + "-1@example.com", "Sales", java.util.List.of(), null);
        identityProvider.seed(tag + "-2@example.com", "HR", java.util.List.of(), null);

        Api.Response response = api.get("/api/v1/users?department=Sales&search=" + tag).token(admin.token()).send();

        assertThat(response.json().get("users").valueStream().map(u -> u.get("email").stringValue()))
                .containsExactly(tag + "-1@example.com");
    }

    @Test
    void listWithTooLargeAPageIs400() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.get("/api/v1/users?per_page=101").token(admin.token()).send();

        assertThat(errorFields(assertProblem(response, 400, "invalid-input"))).containsExactly("per_page");
    }

    @Test
    void listWithANonIntegerPageIs400() {
        Person admin = person("Finance", "user-admin");

        JsonNode problem = assertProblem(api.get("/api/v1/users?page=abc").token(admin.token()).send(), 400, "invalid-input");

        assertThat(errorFields(problem)).containsExactly("page");
        assertThat(problem.get("errors").get(0).get("message").stringValue()).isEqualTo("Must be an integer.");
    }

    @Test
    void listWithABadBooleanOrUnknownDepartmentIs400() {
        Person admin = person("Finance", "user-admin");

        assertThat(errorFields(assertProblem(api.get("/api/v1/users?include_totals=maybe").token(admin.token()).send(),
                400, "invalid-input"))).containsExactly("include_totals");
        assertThat(errorFields(assertProblem(api.get("/api/v1/users?department=Marketing").token(admin.token()).send(),
                400, "invalid-input"))).containsExactly("department");
    }

    @Test
    void listingNeedsAtLeastTheAuditorRole() {
        Person nobody = person("Finance");

        JsonNode problem = assertProblem(api.get("/api/v1/users").token(nobody.token()).send(), 403, "forbidden");
        assertThat(problem.get("rule").stringValue()).isEqualTo("role-required");
    }

    /** java.net.http refuses a raw {@code |} in a URI, as it should; curl does not. */
    private String rawGet(String path, String token) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, response.indexOf("\r\n"));
        }
    }
}
