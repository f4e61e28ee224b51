package dev.delegatedadmin.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.service.PolicyAdministrationService;
import dev.delegatedadmin.application.testsupport.InMemoryPolicyVersions;
import dev.delegatedadmin.application.testsupport.PolicyTrees;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The policy document over HTTP: versions, rollback, dry run, and every refusal as a problem. */
class PoliciesApiTest extends ApiTest {

    private static final String DEFAULT = Api.JSON.writeValueAsString(PolicyTrees.shippedDefault());

    @Autowired
    InMemoryPolicyVersions versions;

    @Autowired
    PolicyAdministrationService policies;

    Person admin;

    @BeforeEach
    void firstVersionFromTheFile() {
        versions.reset();
        policies.loadFile("default-policy.yaml", "sha256:1", PolicyTrees.shippedDefault());
        admin = person("IT", "administrator");
    }

    @Test
    void getReturnsTheActiveVersionWithItsDocument() {
        Api.Response response = api.get("/api/v1/policies").token(admin.token()).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("version").longValue()).isEqualTo(1);
        assertThat(body.get("active").booleanValue()).isTrue();
        assertThat(body.get("source").stringValue()).isEqualTo("file");
        assertThat(body.get("source_name").stringValue()).isEqualTo("default-policy.yaml");
        assertThat(body.get("document").get("departments").toString()).isEqualTo("[\"Finance\",\"HR\",\"IT\",\"Sales\"]");
    }

    @Test
    void everyPolicyEndpointNeedsAnAdministrator() {
        Person operator = person("IT", "operator");
        for (Api.Call call : new Api.Call[] {
                api.get("/api/v1/policies"), api.put("/api/v1/policies").json(DEFAULT),
                api.get("/api/v1/policies/versions"), api.get("/api/v1/policies/versions/1"),
                api.post("/api/v1/policies/versions/1/activate"),
                api.post("/api/v1/policies/simulate").json("{\"actor\":{},\"method\":\"create\",\"payload\":{}}")}) {
            JsonNode problem = assertProblem(call.token(operator.token()).send(), 403, "forbidden");
            assertThat(problem.get("rule").stringValue()).isEqualTo("role-required");
            assertThat(problem.get("detail").stringValue()).isEqualTo("This action requires the role administrator.");
        }
        assertThat(api.get("/api/v1/policies").send().status()).isEqualTo(401);
    }

    @Test
    void anInvalidDocumentIsA400WithEveryErrorAndTheActiveVersionStays() {
        String bad = "{\"departments\":[\"Finance\",\"IT\"],\"write_rules\":[{\"kind\":\"foo\"},"
                + "{\"kind\":\"email_domains\",\"by_department\":{\"Legal\":[\"legal.example.com\"]}},"
                + "{\"kind\":\"no_self_block\"},{\"kind\":\"no_self_block\"}],\"user_fields\":{}}";

        JsonNode problem = assertProblem(api.put("/api/v1/policies").token(admin.token()).json(bad).send(), 400, "invalid-input");

        assertThat(errorFields(problem)).containsExactly("write_rules[0].kind", "write_rules[1].by_department.Legal",
                "write_rules[3].id", "user_fields");
        assertThat(problem.get("errors").get(0).get("message").stringValue()).startsWith("Unknown rule kind \"foo\"");
        assertThat(api.get("/api/v1/policies").token(admin.token()).send().json().get("version").longValue()).isEqualTo(1);
        assertProblem(api.put("/api/v1/policies").token(admin.token()).json("[1]").send(), 400, "invalid-input");
        assertProblem(api.put("/api/v1/policies").token(admin.token()).json("{").send(), 400, "malformed-request");
    }

    @Test
    void putStoresANewActiveVersionAndActivateRollsBack() {
        String withLegal = DEFAULT.replace("\"Sales\"]", "\"Sales\",\"Legal\"]");

        Api.Response put = api.put("/api/v1/policies").token(admin.token()).json(withLegal).send();

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("version").longValue()).isEqualTo(2);
        assertThat(put.json().get("source").stringValue()).isEqualTo("api");
        assertThat(put.json().get("created_by").stringValue()).isEqualTo(admin.email());
        JsonNode list = api.get("/api/v1/policies/versions").token(admin.token()).send().json().get("versions");
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).get("version").longValue()).isEqualTo(2);
        assertThat(list.get(0).has("document")).isFalse();
        assertThat(api.get("/api/v1/policies/versions/2").token(admin.token()).send().json().get("document")
                .get("departments").size()).isEqualTo(5);

        Api.Response rollback = api.post("/api/v1/policies/versions/1/activate").token(admin.token()).send();

        assertThat(rollback.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/policies").token(admin.token()).send().json().get("version").longValue()).isEqualTo(1);
        assertThat(auditTrail.all()).anySatisfy(event -> {
            assertThat(event.record().action().externalName()).isEqualTo("policy.activate");
            assertThat(event.record().actorId()).contains(admin.id());
            assertThat(event.record().message()).contains("Policy version 2 -> 1, rollback or roll-forward.");
        });
        assertProblem(api.post("/api/v1/policies/versions/99/activate").token(admin.token()).send(), 404, "not-found");
        assertProblem(api.get("/api/v1/policies/versions/99").token(admin.token()).send(), 404, "not-found");
        assertProblem(api.get("/api/v1/policies/versions/two").token(admin.token()).send(), 400, "invalid-input");
    }

    @Test
    void simulateDeniesWithRuleAndMessage() {
        String body = "{\"actor\":{\"email\":\"kelly@example.com\",\"department\":\"Finance\",\"roles\":[\"user-admin\"]},"
                + "\"method\":\"create\",\"payload\":{\"email\":\"new@example.com\",\"memberships\":[\"HR\"]}}";

        Api.Response response = api.post("/api/v1/policies/simulate").token(admin.token()).json(body).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("decision").stringValue()).isEqualTo("denied");
        assertThat(response.json().get("rule").stringValue()).isEqualTo("own-department-only");
        assertThat(response.json().get("message").stringValue()).isEqualTo("You can only create users within your own department.");
        assertThat(response.json().get("policy_version").longValue()).isEqualTo(1);
    }

    @Test
    void simulateAllowsWithTheFinalProfileAndNeverThePassword() {
        int idpCalls = identityProvider.calls().size();
        String body = "{\"actor\":{\"department\":\"Finance\",\"roles\":[\"user-admin\"]},\"method\":\"create\","
                + "\"payload\":{\"email\":\"New@Example.com\",\"password\":\"Sup3r-secret!\",\"memberships\":[\"Finance\"],"
                + "\"user_metadata\":{\"team\":\"AP\"}}}";

        Api.Response response = api.post("/api/v1/policies/simulate").token(admin.token()).json(body).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode profile = response.json().get("profile");
        assertThat(response.json().get("decision").stringValue()).isEqualTo("allowed");
        assertThat(profile.get("email").stringValue()).isEqualTo("new@example.com");
        assertThat(profile.get("connection").stringValue()).isEqualTo("Username-Password-Authentication");
        assertThat(profile.get("password_set").booleanValue()).isTrue();
        assertThat(profile.get("app_metadata").get("department").stringValue()).isEqualTo("Finance");
        assertThat(profile.get("user_metadata").get("team").stringValue()).isEqualTo("AP");
        assertThat(response.body()).doesNotContain("Sup3r-secret!");
        assertThat(identityProvider.calls()).hasSize(idpCalls);
    }

    @Test
    void simulateAnUpdateShowsOnlyWhatWouldChange() {
        String body = "{\"actor\":{\"department\":\"Finance\",\"roles\":[\"user-admin\"]},\"method\":\"update\","
                + "\"original_user\":{\"email\":\"fred@example.com\",\"app_metadata\":{\"department\":\"Finance\"},"
                + "\"user_metadata\":{\"team\":\"AP\",\"desk\":4}},"
                + "\"payload\":{\"user_metadata\":{\"team\":\"AR\",\"desk\":4}}}";

        JsonNode result = api.post("/api/v1/policies/simulate").token(admin.token()).json(body).send().json();

        assertThat(result.get("decision").stringValue()).isEqualTo("allowed");
        assertThat(result.get("changes").get("changed_fields").toString()).isEqualTo("[\"user_metadata.team\"]");
        assertThat(result.get("changes").get("user_metadata").toString()).isEqualTo("{\"team\":\"AR\"}");
    }

    @Test
    void simulateReportsInputTheServiceWouldRefuseAsInvalidAndAuditsNothing() {
        int auditRows = auditTrail.all().size();
        String body = "{\"actor\":{\"department\":\"Finance\",\"roles\":[\"user-admin\"]},\"method\":\"create\","
                + "\"payload\":{\"email\":\"new@example.com\",\"memberships\":[\"Legal\"]}}";

        JsonNode result = api.post("/api/v1/policies/simulate").token(admin.token()).json(body).send().json();

        assertThat(result.get("decision").stringValue()).isEqualTo("invalid");
        assertThat(result.get("errors").toString())
                .isEqualTo("[{\"field\":\"payload.memberships[0]\",\"message\":\"Unknown department: Legal\"}]");
        assertThat(auditTrail.all()).hasSize(auditRows);
    }

    @Test
    void aMalformedSimulationIsA400PerField() {
        String body = "{\"actor\":{\"roles\":[\"king\"],\"department\":5},\"method\":\"delete\","
                + "\"payload\":{\"email\":\"not-an-email\"},\"extra\":1}";

        JsonNode problem = assertProblem(api.post("/api/v1/policies/simulate").token(admin.token()).json(body).send(),
                400, "invalid-input");

        assertThat(errorFields(problem)).containsExactlyInAnyOrder("extra", "method", "actor.department", "payload.email");
    }
}
