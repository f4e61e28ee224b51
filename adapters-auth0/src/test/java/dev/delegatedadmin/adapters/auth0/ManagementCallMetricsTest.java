package dev.delegatedadmin.adapters.auth0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.client.mgmt.core.ManagementApiException;
import com.auth0.client.mgmt.core.ManagementException;
import dev.delegatedadmin.application.error.IdentityProviderException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every attempt counted by operation and status (retries too: each spends the budget); permit waits timed. */
class ManagementCallMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ManagementCallMetrics metrics = new ManagementCallMetrics(registry);
    private final RetryPolicy retry = new RetryPolicy(4, Duration.ofSeconds(10), Duration.ofMillis(1),
            Duration.ofMillis(2));

    @Test
    void a_retried_call_counts_each_attempt_with_its_status() {
        ManagementCalls calls = new ManagementCalls(retry, Clock.systemUTC(), duration -> { }, unlimited(), metrics);
        Deque<Supplier<String>> answers = new ArrayDeque<>();
        answers.add(() -> { throw new ManagementApiException("limited", 429, Map.of()); });
        answers.add(() -> { throw new ManagementException("reset"); });
        answers.add(() -> "ok");

        assertThat(calls.run("get user", ManagementCalls.Kind.IDEMPOTENT, () -> answers.poll().get())).isEqualTo("ok");

        assertThat(count("get user", "429")).isEqualTo(1);
        assertThat(count("get user", "network_error")).isEqualTo(1);
        assertThat(count("get user", "2xx")).isEqualTo(1);
    }

    @Test
    void a_refused_call_counts_its_status() {
        ManagementCalls calls = new ManagementCalls(retry, Clock.systemUTC(), duration -> { }, unlimited(), metrics);

        assertThatThrownBy(() -> calls.run("create user", ManagementCalls.Kind.NOT_IDEMPOTENT,
                () -> { throw new ManagementApiException("taken", 409, Map.of()); }));

        assertThat(count("create user", "409")).isEqualTo(1);
    }

    @Test
    void permit_waits_are_timed_granted_or_given_up() {
        ManagementPermits slow = new ManagementPermits() {
            private int calls;

            @Override
            public void acquire() {
                if (++calls == 2) {
                    throw new IdentityProviderException("used up", true, Optional.of(Duration.ofSeconds(1)), null);
                }
            }

            @Override
            public void refused(Duration resetIn) {
            }
        };
        ManagementPermits timed = metrics.timed(slow);
        timed.acquire();
        assertThatThrownBy(timed::acquire).isInstanceOf(IdentityProviderException.class);

        assertThat(registry.get(ManagementCallMetrics.BUDGET_WAIT).tag("outcome", "granted").timer().count())
                .isEqualTo(1);
        assertThat(registry.get(ManagementCallMetrics.BUDGET_WAIT).tag("outcome", "gave_up").timer().count())
                .isEqualTo(1);
    }

    private double count(String operation, String status) {
        return registry.get(ManagementCallMetrics.CALLS).tag("operation", operation).tag("status", status).counter()
                .count();
    }

    private static ManagementPermits unlimited() {
        return new ManagementPermits() {
            @Override
            public void acquire() {
            }

            @Override
            public void refused(Duration resetIn) {
            }
        };
    }
}
