package dev.delegatedadmin.adapters.web.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.domain.login.LoginEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The webhook body's errors, pinned message by message and in order, as the shared tree reader produces them. */
public class LoginEventParseTest {

    private static List<String> errors(String body) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> LoginEventController.parse(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("expected a 400 for %s", body).isNotNull();
        return e.errors().stream().map(f -> f.field() + ": " + f.message()).toList();
    }

    @Test
    void a_valid_event_is_read() {
        LoginEvent event = LoginEventController.parse(("{\"user\": {\"user_id\": \"auth0|1\", \"email\": \"a@example.com\","
                + " \"app_metadata\": {\"department\": \"IT\"}}, \"connection\": {\"id\": \"con_1\", \"name\": \"db\","
                + " \"strategy\": \"auth0\"}, \"organization\": {\"id\": \"org_1\"}, \"stats\": {\"logins_count\": 2}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(event.loginsCount()).isEqualTo(2);
        assertThat(event.organizationId()).contains("org_1");
        assertThat(event.appMetadata().get("department")).contains("IT");
    }

    @Test
    void the_root_must_be_an_object() {
        assertThat(errors("")).containsExactly("$: Must be an object.");
        assertThat(errors("null")).containsExactly("$: The request body must be a JSON object.");
        assertThat(errors("[1]")).containsExactly("$: Must be an object.");
        assertThat(errors("{\"a\": 1, \"a\": 2}")).containsExactly("$: The request body is not valid JSON.");
    }

    @Test
    void every_problem_is_listed_at_its_path_in_reading_order() {
        assertThat(errors("{\"extra\": 1, \"user\": {\"user_id\": 5, \"colour\": \"x\", \"app_metadata\": []},"
                + " \"connection\": \"db\", \"organization\": {}, \"stats\": {\"logins_count\": 1.0}}"))
                .containsExactly(
                        "extra: Unknown field.",
                        "user.colour: Unknown field.",
                        "user.user_id: Must be a string of 1 to 512 characters.",
                        "user.app_metadata: Must be an object.",
                        "connection: Must be an object.",
                        "organization.id: Required.",
                        "stats.logins_count: Must be an integer of at least 1.");
        assertThat(errors("{}")).containsExactly("user: Required.", "connection: Required.", "stats: Required.");
        assertThat(errors("{\"user\": {\"user_id\": \" \"}, \"connection\": {\"id\": \"c\", \"name\": \"n\","
                + " \"strategy\": \"s\"}, \"stats\": {\"logins_count\": 0}}")).containsExactly(
                "user.user_id: Must be a string of 1 to 512 characters.",
                "stats.logins_count: Must be an integer of at least 1.");
    }
}
