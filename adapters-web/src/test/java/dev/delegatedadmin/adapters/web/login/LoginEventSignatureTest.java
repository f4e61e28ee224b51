package dev.delegatedadmin.adapters.web.login;

import dev.delegatedadmin.adapters.web.http.InvalidSignatureException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.domain.login.LoginEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public class LoginEventSignatureTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final LoginEventSignature SIGNATURE =
            LoginEventSignature.of(SECRET, Clock.fixed(NOW, ZoneOffset.UTC)).orElseThrow();
    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    private static String header(long t, byte[] body) {
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(SIGNATURE.expected(Long.toString(t), body));
    }

    @Test
    void a_fresh_signature_of_these_bytes_passes() {
        SIGNATURE.verify(header(NOW.getEpochSecond(), BODY), BODY);
        SIGNATURE.verify(header(NOW.getEpochSecond() - 299, BODY), BODY);
        SIGNATURE.verify(" v1=" + header(NOW.getEpochSecond(), BODY).split("v1=")[1] + ", t=" + NOW.getEpochSecond(),
                BODY);
    }

    /** The replay key names the signed bytes (t and body), not the header's spelling. */
    @Test
    void one_signed_event_has_one_key_however_its_header_is_written() {
        long t = NOW.getEpochSecond();
        String key = SIGNATURE.verify(header(t, BODY), BODY);
        org.assertj.core.api.Assertions.assertThat(key).matches("[0-9a-f]{64}");
        org.assertj.core.api.Assertions.assertThat(SIGNATURE.verify(
                " v1=" + header(t, BODY).split("v1=")[1] + ", t=" + t + ",v2=ignored", BODY)).isEqualTo(key);
        org.assertj.core.api.Assertions.assertThat(SIGNATURE.verify(header(t - 1, BODY), BODY)).isNotEqualTo(key);
    }

    @Test
    void missing_malformed_stale_future_or_other_bytes_are_refused() {
        long t = NOW.getEpochSecond();
        assertRefused(null, BODY, "header is required");
        assertRefused("", BODY, "header is required");
        assertRefused("t=" + t, BODY, "must be t=");
        assertRefused("t=abc,v1=" + "0".repeat(64), BODY, "must be t=");
        assertRefused("t=" + t + ",v1=zz" + "0".repeat(62), BODY, "must be t=");
        assertRefused(header(t - 301, BODY), BODY, "window");
        assertRefused(header(t + 120, BODY), BODY, "window");
        assertRefused(header(t, BODY), "{\"a\":2}".getBytes(StandardCharsets.UTF_8), "does not match");
        // Re-serialised JSON is other bytes: the raw body counts.
        assertRefused(header(t, BODY), "{\"a\": 1}".getBytes(StandardCharsets.UTF_8), "does not match");
    }

    @Test
    void no_secret_turns_the_endpoint_off_and_a_short_one_stops_the_start_without_printing_it() {
        assertThat(LoginEventSignature.of("", Clock.systemUTC())).isEmpty();
        assertThat(LoginEventSignature.of(null, Clock.systemUTC())).isEmpty();
        assertThatThrownBy(() -> LoginEventSignature.of("short-secret-123", Clock.systemUTC()))
                .hasMessageContaining("at least 32").hasMessageNotContaining("short-secret-123");
        assertThat(SIGNATURE.toString()).doesNotContain(SECRET);
    }

    @Test
    void the_body_is_read_strictly_with_every_error_at_its_path() {
        LoginEvent event = LoginEventController.parse("""
                {"user":{"user_id":"auth0|1","email":"a@example.com","app_metadata":{"department":"Finance"}},
                 "connection":{"id":"con_1","name":"Username-Password-Authentication","strategy":"auth0"},
                 "organization":{"id":"org_1"},"stats":{"logins_count":1}}""".getBytes(StandardCharsets.UTF_8));
        assertThat(event.firstLogin()).isTrue();
        assertThat(event.organizationId()).contains("org_1");
        assertThat(event.appMetadata().values()).isEqualTo(Map.of("department", "Finance"));
        assertThat(LoginEventController.parse("""
                {"user":{"user_id":"auth0|1","app_metadata":null},"connection":{"id":"c","name":"n","strategy":"s"},
                 "organization":null,"stats":{"logins_count":7}}""".getBytes(StandardCharsets.UTF_8)).email())
                .isEqualTo(Optional.empty());

        assertThatThrownBy(() -> LoginEventController.parse("""
                {"user":{"email":5},"connection":{"id":"c","name":"n"},"stats":{"logins_count":0},"x":1}"""
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(InvalidInputException.FieldError::field)
                        .containsExactlyInAnyOrder("x", "user.user_id", "user.email", "connection.strategy",
                                "stats.logins_count"));
        assertThatThrownBy(() -> LoginEventController.parse("""
                {"user":{"user_id":" "},"connection":{"id":"c","name":"n","strategy":"s"},"stats":{"logins_count":1}}"""
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(InvalidInputException.FieldError::field).containsExactly("user.user_id"));
        assertThatThrownBy(() -> LoginEventController.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LoginEventController.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LoginEventController.parse(new byte[0]))
                .isInstanceOf(InvalidInputException.class);
    }

    private static void assertRefused(String header, byte[] body, String message) {
        assertThatThrownBy(() -> SIGNATURE.verify(header, body))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining(message);
    }
}
