package dev.delegatedadmin.domain.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.document.LoginRule;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginRuleEvaluationTest {

    private static LoginEvent login(long count, String connection, String strategy, Map<String, Object> app) {
        return new LoginEvent(new UserId("auth0|1"), Optional.of("a@example.com"), new Metadata(app),
                new LoginEvent.Connection("con_1", connection, strategy), Optional.empty(), count);
    }

    private static LoginRule rule(LoginRule.Condition when) {
        return new LoginRule("r", when, new LoginRule.AssignRoles(List.of("rol_basic")));
    }

    @Test
    void every_given_part_of_the_condition_must_hold() {
        LoginEvent first = login(1, "google-oauth2", "google-oauth2", Map.of("department", "Finance"));
        LoginEvent second = login(2, "google-oauth2", "google-oauth2", Map.of("department", "Finance"));
        assertThat(rule(LoginRule.Condition.ALWAYS).applies(second, false)).isTrue();
        LoginRule firstLogin = rule(new LoginRule.Condition(Optional.of(true), Set.of(), Set.of(), Set.of()));
        assertThat(firstLogin.applies(first, false)).isTrue();
        assertThat(firstLogin.applies(second, false)).isFalse();
        assertThat(firstLogin.applies(second, true)).as("a failed first-login rule is retried").isTrue();
        assertThat(rule(new LoginRule.Condition(Optional.empty(), Set.of("Username-Password-Authentication"), Set.of(),
                Set.of())).applies(first, false)).isFalse();
        assertThat(rule(new LoginRule.Condition(Optional.empty(), Set.of(), Set.of("google-oauth2"), Set.of()))
                .applies(first, false)).isTrue();
        LoginRule finance = rule(new LoginRule.Condition(Optional.empty(), Set.of(), Set.of(),
                Set.of(new Department("Finance"))));
        assertThat(finance.applies(first, false)).isTrue();
        assertThat(finance.applies(login(1, "c", "s", Map.of()), false)).isFalse();
        assertThat(finance.applies(login(1, "c", "s", Map.of("department", 7)), false)).isFalse();
    }

    @Test
    void metadata_resolves_templates_and_keeps_only_what_differs() {
        LoginRule.SetAppMetadata set = new LoginRule.SetAppMetadata(Map.of(
                "provisioned_by", "delegated-admin", "via", "{{connection.name}} ({{ connection.strategy }})"));
        assertThat(set.changesFor(login(3, "google-oauth2", "google-oauth2", Map.of())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("provisioned_by", "delegated-admin",
                        "via", "google-oauth2 (google-oauth2)"));
        assertThat(set.changesFor(login(3, "db", "auth0", Map.of("provisioned_by", "delegated-admin",
                "via", "db (auth0)")))).isEmpty();
        // A value is text, never re-read as a template.
        assertThat(LoginTemplate.resolve("{{connection.name}}", login(1, "{{connection.id}}", "auth0", Map.of())))
                .isEqualTo("{{connection.id}}");
    }
}
