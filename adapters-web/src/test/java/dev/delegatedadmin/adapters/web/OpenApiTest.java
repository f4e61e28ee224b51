package dev.delegatedadmin.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description is public and uses the wire names. */
class OpenApiTest extends ApiTest {

    @Test
    void apiDocsArePublicAndDescribeTheEndpoints() {
        Api.Response response = api.get("/v3/api-docs").send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode docs = response.json();
        assertThat(docs.get("paths").propertyNames()).contains("/api/v1/users", "/api/v1/users/{id}", "/api/v1/me",
                "/api/v1/memberships", "/api/v1/audit-events", "/api/v1/session", "/.well-known/jwks.json");
        assertThat(docs.get("paths").propertyNames()).doesNotContain("/error");
        JsonNode schemas = docs.get("components").get("schemas");
        assertThat(schemas.get("UserResponse").get("properties").propertyNames())
                .contains("user_id", "email_verified", "user_metadata", "last_login");
        assertThat(schemas.get("CreateUserRequest").get("properties").propertyNames()).contains("user_metadata");
        assertThat(docs.get("components").get("securitySchemes").get("bearer").get("scheme").stringValue())
                .isEqualTo("bearer");
        // The audit filters are bound from one record but documented as the query parameters they are.
        java.util.List<String> auditParameters = new java.util.ArrayList<>();
        docs.get("paths").get("/api/v1/audit-events").get("get").get("parameters")
                .forEach(p -> auditParameters.add(p.get("name").stringValue() + ":" + p.get("in").stringValue()));
        assertThat(auditParameters).contains("actor:query", "target:query", "action:query", "decision:query",
                "outcome:query", "rule:query", "department:query", "from:query", "to:query", "cursor:query", "limit:query");
        // The Caller is resolved from the token, not a request parameter.
        assertThat(response.body()).doesNotContain("\"caller\"");
    }
}
