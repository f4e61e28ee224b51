package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Users made through the API by an administrator, for end-to-end tests that need many actors. */
final class TestUsers {

    /** One created user: its raw id (with {@code |}), email, password and a token of its own. */
    record TestUser(String id, String email, String password, String token) {
    }

    private final Http http;
    private final String adminToken;

    TestUsers(Http http, String adminToken) {
        this.http = http;
        this.adminToken = adminToken;
    }

    /** Creates the user in {@code department} with {@code roles} (app_metadata.roles) and logs them in. */
    TestUser create(String email, String department, String... roles) {
        String password = "Pw-" + Integer.toHexString(email.hashCode()) + "-e2e-matrix";
        String roleList = Arrays.stream(roles).map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        Http.Response created = http.post("/api/v1/users", adminToken, """
                {"email":"%s","password":"%s","memberships":["%s"],"app_metadata":{"roles":[%s]}}"""
                .formatted(email, password, department, roleList));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("user_id").asString();
        return new TestUser(id, email, password, http.logIn(email, password));
    }
}
