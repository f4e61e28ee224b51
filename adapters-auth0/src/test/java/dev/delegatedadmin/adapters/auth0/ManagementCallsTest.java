package dev.delegatedadmin.adapters.auth0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.client.mgmt.core.ManagementApiException;
import dev.delegatedadmin.application.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry policy on its own: attempts, which failures are retried, the time budget, Retry-After forms. */
class ManagementCallsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    private ManagementCalls calls(RetryPolicy policy) {
        return new ManagementCalls(policy, clock, wait -> {
            waits.add(wait);
            clock.advance(wait);
        }, Auth0Stub.UNLIMITED);
    }

    private Object failing(int status) {
        calls.incrementAndGet();
        throw new ManagementApiException("failed", status, null);
    }

    @Test
    void an_idempotent_call_failing_with_5xx_is_tried_at_most_max_attempts_times_with_growing_backoff() {
        ManagementCalls managementCalls = calls(RetryPolicy.DEFAULT);

        assertThatThrownBy(() -> managementCalls.raw("get", ManagementCalls.Kind.IDEMPOTENT, () -> failing(503)))
                .isInstanceOfSatisfying(ManagementCalls.CallFailure.class, f -> assertThat(f.status).isEqualTo(503));

        assertThat(calls).hasValue(4);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1_000));
    }

    @Test
    void a_call_that_is_not_idempotent_is_not_retried_on_5xx_but_is_on_429() {
        ManagementCalls managementCalls = calls(RetryPolicy.DEFAULT);

        assertThatThrownBy(() -> managementCalls.raw("create", ManagementCalls.Kind.NOT_IDEMPOTENT,
                () -> failing(503))).isInstanceOf(ManagementCalls.CallFailure.class);
        assertThat(calls).hasValue(1);

        assertThatThrownBy(() -> managementCalls.raw("create", ManagementCalls.Kind.NOT_IDEMPOTENT,
                () -> failing(429))).isInstanceOf(ManagementCalls.CallFailure.class);
        assertThat(calls).hasValue(5);
    }

    @Test
    void a_4xx_is_never_retried() {
        ManagementCalls managementCalls = calls(RetryPolicy.DEFAULT);

        assertThatThrownBy(() -> managementCalls.raw("get", ManagementCalls.Kind.IDEMPOTENT, () -> failing(400)))
                .isInstanceOf(ManagementCalls.CallFailure.class);

        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void no_wait_ends_past_the_time_budget() {
        ManagementCalls managementCalls = calls(new RetryPolicy(50, Duration.ofSeconds(1), Duration.ofMillis(400),
                Duration.ofMillis(400)));

        assertThatThrownBy(() -> managementCalls.raw("get", ManagementCalls.Kind.IDEMPOTENT, () -> failing(503)))
                .isInstanceOf(ManagementCalls.CallFailure.class);

        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(calls.get()).isBetween(3, 6);
    }

    @Test
    void retry_after_is_read_as_seconds_an_http_date_or_the_rate_limit_reset() {
        ManagementCalls managementCalls = calls(RetryPolicy.DEFAULT);

        assertThat(managementCalls.retryAfter(Map.of("retry-after", List.of("7"))))
                .contains(Duration.ofSeconds(7));
        assertThat(managementCalls.retryAfter(Map.of("Retry-After", List.of("Tue, 01 Dec 2026 10:00:30 GMT"))))
                .contains(Duration.ofSeconds(30));
        assertThat(managementCalls.retryAfter(Map.of("X-RateLimit-Reset",
                List.of(Long.toString(clock.instant().getEpochSecond() + 12))))).contains(Duration.ofSeconds(12));
        assertThat(managementCalls.retryAfter(Map.of("Retry-After", List.of("soon")))).isEqualTo(Optional.empty());
    }
}
