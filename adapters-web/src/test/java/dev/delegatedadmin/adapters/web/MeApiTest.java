package dev.delegatedadmin.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /me} and {@code /memberships}: who the caller is, as the IdP knows them now. */
class MeApiTest extends ApiTest {

    @Test
    void departmentAdminSeesOwnDepartmentOnly() {
        Person admin = person("Finance", "user-admin");

        Api.Response response = api.get("/api/v1/me").token(admin.token()).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode me = response.json();
        assertThat(me.get("user_id").stringValue()).isEqualTo(admin.id());
        assertThat(me.get("email").stringValue()).isEqualTo(admin.email());
        assertThat(me.get("department").stringValue()).isEqualTo("Finance");
        assertThat(me.get("roles").valueStream().map(JsonNode::stringValue)).containsExactly("user-admin");
        assertThat(me.get("scope").get("all").booleanValue()).isFalse();
        assertThat(me.get("scope").get("departments").valueStream().map(JsonNode::stringValue)).containsExactly("Finance");
        assertThat(me.get("assignable_memberships").valueStream().map(JsonNode::stringValue)).containsExactly("Finance");
    }

    @Test
    void unrestrictedDepartmentSeesAll() {
        Person operator = person("IT", "operator", "user-admin");

        JsonNode me = api.get("/api/v1/me").token(operator.token()).send().json();

        assertThat(me.get("roles").valueStream().map(JsonNode::stringValue)).containsExactly("user-admin", "operator");
        assertThat(me.get("scope").get("all").booleanValue()).isTrue();
        assertThat(me.get("scope").get("departments").valueStream().map(JsonNode::stringValue))
                .containsExactly("Finance", "HR", "IT", "Sales");
    }

    @Test
    void actorWithoutDepartmentHasNullDepartmentAndNoScope() {
        Person loner = person(null, "user-admin");

        JsonNode me = api.get("/api/v1/me").token(loner.token()).send().json();

        assertThat(me.has("department")).isTrue();
        assertThat(me.get("department").isNull()).isTrue();
        assertThat(me.get("scope").get("departments").isEmpty()).isTrue();
        assertThat(me.get("assignable_memberships").isEmpty()).isTrue();
    }

    @Test
    void membershipsAreTheAssignableDepartments() {
        Person admin = person("HR", "user-admin");
        Person auditor = person("HR", "auditor");

        assertThat(api.get("/api/v1/memberships").token(admin.token()).send().json().get("memberships")
                .valueStream().map(JsonNode::stringValue)).containsExactly("HR");
        // Read-only actors may not put anyone anywhere.
        assertThat(api.get("/api/v1/memberships").token(auditor.token()).send().json().get("memberships").isEmpty())
                .isTrue();
    }
}
