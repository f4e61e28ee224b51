package dev.delegatedadmin.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH as a JSON merge patch (RFC 7396): absent, null and values mean different things. */
class MergePatchApiTest extends ApiTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private Person admin;
    private Person target;

    @BeforeEach
    void seed() {
        admin = person("Finance", "user-admin");
        target = person("Finance");
        Api.Response seeded = patch(MERGE_PATCH, "{\"user_metadata\":{\"a\":1,\"b\":\"two\"},\"app_metadata\":{\"plan\":\"gold\"}}");
        assertThat(seeded.status()).as(seeded.toString()).isEqualTo(200);
    }

    @Test
    void mergePatchContentTypeUpdatesOnlyWhatIsNamed() {
        Api.Response response = patch(MERGE_PATCH, "{\"user_metadata\":{\"c\":true}}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode metadata = response.json().get("user_metadata");
        assertThat(metadata.get("a").intValue()).isEqualTo(1);
        assertThat(metadata.get("b").stringValue()).isEqualTo("two");
        assertThat(metadata.get("c").booleanValue()).isTrue();
        assertThat(response.json().get("app_metadata").get("plan").stringValue()).isEqualTo("gold");
    }

    @Test
    void plainJsonContentTypeIsAcceptedToo() {
        Api.Response response = patch("application/json", "{\"user_metadata\":{\"b\":\"three\"}}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("user_metadata").get("b").stringValue()).isEqualTo("three");
    }

    @Test
    void aNullMetadataKeyRemovesThatKeyOnly() {
        Api.Response response = patch(MERGE_PATCH, "{\"user_metadata\":{\"a\":null}}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode metadata = response.json().get("user_metadata");
        assertThat(metadata.has("a")).isFalse();
        assertThat(metadata.get("b").stringValue()).isEqualTo("two");
    }

    @Test
    void nullMetadataRemovesEveryKey() {
        Api.Response response = patch(MERGE_PATCH, "{\"user_metadata\":null}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("user_metadata").isEmpty()).isTrue();
        assertThat(response.json().get("app_metadata").get("plan").stringValue()).isEqualTo("gold");
    }

    @Test
    void nullAppMetadataClearsOnlyUnprotectedKeys() {
        // app_metadata.department is set by memberships only; a whole-object null leaves it alone.
        Api.Response response = patch(MERGE_PATCH, "{\"app_metadata\":null}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("app_metadata").has("plan")).isFalse();
        assertThat(response.json().get("app_metadata").get("department").stringValue()).isEqualTo("Finance");
    }

    @Test
    void removingTheDepartmentByNameIsDenied() {
        JsonNode problem = assertProblem(patch(MERGE_PATCH, "{\"app_metadata\":{\"department\":null}}"), 403, "forbidden");

        assertThat(problem.get("rule").stringValue()).isEqualTo("protected-field");
    }

    @Test
    void emailPasswordBlockedAndMembershipsCannotBeNull() {
        Api.Response response = patch(MERGE_PATCH, "{\"email\":null,\"password\":null,\"blocked\":null,\"memberships\":null}");

        JsonNode problem = assertProblem(response, 400, "invalid-input");
        assertThat(errorFields(problem)).containsExactlyInAnyOrder("email", "password", "blocked", "memberships");
        assertThat(problem.get("errors").get(0).get("message").stringValue()).isEqualTo("This field cannot be removed.");
    }

    @Test
    void wrongTypesAreReportedPerField() {
        Api.Response response = patch(MERGE_PATCH,
                "{\"blocked\":\"yes\",\"memberships\":\"Finance\",\"user_metadata\":[],\"email\":42,\"app_metadata\":3}");

        assertThat(errorFields(assertProblem(response, 400, "invalid-input")))
                .containsExactlyInAnyOrder("blocked", "memberships", "user_metadata", "email", "app_metadata");
    }

    @Test
    void aNonStringMembershipIsReportedWithItsIndex() {
        Api.Response response = patch(MERGE_PATCH, "{\"memberships\":[\"Finance\",7]}");

        assertThat(errorFields(assertProblem(response, 400, "invalid-input"))).containsExactly("memberships[1]");
    }

    @Test
    void numbersAndNestingBeyondWhatMetadataTakesAre400NotA500() {
        assertThat(errorFields(assertProblem(patch(MERGE_PATCH, "{\"user_metadata\":{\"n\":1e400}}"), 400, "invalid-input")))
                .containsExactly("user_metadata");
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        assertThat(errorFields(assertProblem(patch(MERGE_PATCH, "{\"user_metadata\":" + deep + "}"), 400, "invalid-input")))
                .containsExactly("user_metadata");
        assertThat(patch(MERGE_PATCH, "{\"user_metadata\":{\"n\":" + "9".repeat(2000) + "}}").status()).isEqualTo(400);
        assertThat(patch(MERGE_PATCH, "[".repeat(3000) + "]".repeat(3000)).status()).isEqualTo(400);
    }

    @Test
    void unknownAndReadOnlyFieldsAreNamed() {
        Api.Response response = patch(MERGE_PATCH, "{\"nickname\":\"x\",\"connection\":\"other\",\"user_id\":\"x|1\"}");

        JsonNode problem = assertProblem(response, 400, "invalid-input");
        assertThat(errorFields(problem)).containsExactlyInAnyOrder("nickname", "connection", "user_id");
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() {
        assertThat(errorFields(assertProblem(patch(MERGE_PATCH, "[]"), 400, "invalid-input"))).containsExactly("$");
    }

    @Test
    void anotherContentTypeIs415() {
        Api.Response response = api.patch(path(target)).token(admin.token()).body("text/plain", "blocked=true").send();

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void changingTheEmailUnverifiesItAndNeverEchoesThePassword() {
        String email = unique("moved") + "@example.com";

        Api.Response response = patch(MERGE_PATCH, "{\"email\":\"" + email + "\",\"password\":\"n3w-Secret!\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("email").stringValue()).isEqualTo(email);
        assertThat(response.json().get("email_verified").booleanValue()).isFalse();
        assertThat(response.body()).doesNotContain("n3w-Secret!").doesNotContainIgnoringCase("password");
    }

    @Test
    void anEmptyPatchChangesNothing() {
        Api.Response response = patch(MERGE_PATCH, "{}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("user_metadata").get("a").intValue()).isEqualTo(1);
    }

    @Test
    void blockingAndUnblocking() {
        assertThat(patch(MERGE_PATCH, "{\"blocked\":true}").json().get("blocked").booleanValue()).isTrue();
        assertThat(patch(MERGE_PATCH, "{\"blocked\":false}").json().get("blocked").booleanValue()).isFalse();
    }

    @Test
    void nobodyCanBlockThemself() {
        Api.Response response = api.patch(path(admin)).token(admin.token()).body(MERGE_PATCH, "{\"blocked\":true}").send();

        assertThat(assertProblem(response, 403, "forbidden").get("rule").stringValue()).isEqualTo("no-self-block");
    }

    @Test
    void movingAUserOutOfScopeIsDenied() {
        JsonNode problem = assertProblem(patch(MERGE_PATCH, "{\"memberships\":[\"HR\"]}"), 403, "forbidden");

        assertThat(problem.get("rule").stringValue()).isEqualTo("own-department-only");
        assertThat(problem.get("detail").stringValue()).isEqualTo("You can only create users within your own department.");
    }

    @Test
    void patchingAUserOutOfScopeIs404() {
        Person hr = person("HR");

        Api.Response response = api.patch(path(hr)).token(admin.token()).body(MERGE_PATCH, "{\"blocked\":true}").send();

        assertProblem(response, 404, "not-found");
    }

    @Test
    void anAuditorCannotPatch() {
        Person auditor = person("Finance", "auditor");

        Api.Response response = api.patch(path(target)).token(auditor.token()).body(MERGE_PATCH, "{\"blocked\":true}").send();

        assertThat(assertProblem(response, 403, "forbidden").get("rule").stringValue()).isEqualTo("role-required");
    }

    @Test
    void onlyTheChangedFieldsReachTheIdentityProvider() {
        identityProvider.clearCalls();

        patch(MERGE_PATCH, "{\"user_metadata\":{\"a\":1,\"b\":\"changed\"}}");

        assertThat(identityProvider.calls()).singleElement().satisfies(call -> assertThat(call)
                .isInstanceOfSatisfying(dev.delegatedadmin.application.testsupport.InMemoryIdentityProvider.Call.Update.class,
                        update -> assertThat(update.changes().userMetadata()).isEqualTo(Map.of("b", "changed"))));
    }

    private Api.Response patch(String contentType, String body) {
        return api.patch(path(target)).token(admin.token()).body(contentType, body).send();
    }
}
