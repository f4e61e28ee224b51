package dev.delegatedadmin.adapters.auth0;

import com.auth0.client.mgmt.core.ManagementApiException;
import com.auth0.client.mgmt.core.ManagementException;
import com.auth0.client.mgmt.core.OAuthTokenException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Every Management API attempt (retries included: each one spends the tenant's budget) by operation and status, and
 * how long callers waited for the shared budget's permit. The labels are bounded: operations are the adapter's own
 * literals, statuses Auth0's codes; no id, email or message ever becomes a label.
 */
final class ManagementCallMetrics {

    static final String CALLS = "delegated_admin.management_api.calls";
    static final String BUDGET_WAIT = "delegated_admin.rate_budget.wait";

    private final MeterRegistry registry;
    private final Timer granted;
    private final Timer gaveUp;

    ManagementCallMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.granted = budgetWait("granted");
        this.gaveUp = budgetWait("gave_up");
    }

    /** For tests that look at calls, not at meters: a registry without backends records nothing. */
    static ManagementCallMetrics unrecorded() {
        return new ManagementCallMetrics(new CompositeMeterRegistry());
    }

    /** {@code call}, counting its outcome: {@code 2xx}, Auth0's status, {@code network_error} or {@code token_refused}. */
    <T> Supplier<T> counted(String operation, Supplier<T> call) {
        return () -> {
            String status = "error";
            try {
                T result = call.get();
                status = "2xx";
                return result;
            } catch (ManagementApiException e) {
                status = Integer.toString(e.statusCode());
                throw e;
            } catch (OAuthTokenException e) {
                status = "token_refused";
                throw e;
            } catch (ManagementException e) {
                status = "network_error";
                throw e;
            } finally {
                Counter.builder(CALLS)
                        .description("Management API attempts, retries included, by operation and status")
                        .tag("operation", operation)
                        .tag("status", status)
                        .register(registry)
                        .increment();
            }
        };
    }

    /** {@code permits}, timing each wait for a permit; a wait beyond the bound (503 to the caller) is {@code gave_up}. */
    ManagementPermits timed(ManagementPermits permits) {
        return new ManagementPermits() {
            @Override
            public void acquire() {
                long started = System.nanoTime();
                Timer outcome = gaveUp;
                try {
                    permits.acquire();
                    outcome = granted;
                } finally {
                    outcome.record(Duration.ofNanos(System.nanoTime() - started));
                }
            }

            @Override
            public void refused(Duration resetIn) {
                permits.refused(resetIn);
            }
        };
    }

    private Timer budgetWait(String outcome) {
        return Timer.builder(BUDGET_WAIT)
                .description("Time a Management API call waited for a permit of the tenant's shared budget")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }
}
