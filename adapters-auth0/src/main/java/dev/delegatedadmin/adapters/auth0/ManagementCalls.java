package dev.delegatedadmin.adapters.auth0;

import com.auth0.client.mgmt.core.ManagementApiException;
import com.auth0.client.mgmt.core.ManagementException;
import com.auth0.client.mgmt.core.OAuthTokenException;
import dev.delegatedadmin.application.error.ApplicationException;
import dev.delegatedadmin.application.error.ConflictException;
import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.failsafe.Execution;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Management API call under {@link RetryPolicy} and translates its failure into the product's errors.
 * Failsafe decides whether to try again (what is retryable, how many attempts, the time budget); this class
 * decides how long to wait and does the waiting through {@link Sleeper} (Failsafe's standalone {@link Execution}
 * never sleeps), so that tests record the waits instead of sleeping through them.
 * Every attempt first takes a permit of the tenant's shared budget ({@link ManagementPermits}); a 429 empties that
 * budget for every instance until the reset.
 * 429 is retried for every call (the request was refused, not executed), waiting for {@code Retry-After} (seconds
 * or an HTTP date), else {@code x-ratelimit-reset} (epoch seconds), else backoff. 5xx and network errors are
 * retried only for idempotent calls; the caller decides what a non-idempotent call does about them.
 * Nothing from a request (body, token, secret) is ever logged or put into a message.
 */
final class ManagementCalls {

    private static final Logger log = LoggerFactory.getLogger(ManagementCalls.class);

    /** How the adapter waits; tests record the waits instead of sleeping through them. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    enum Kind { IDEMPOTENT, NOT_IDEMPOTENT }

    /** A call that failed after the policy gave up, as Auth0 answered it; {@code status} 0 for a network error. */
    static final class CallFailure extends RuntimeException {
        final int status;
        final Optional<Duration> retryAfter;
        final String auth0Message;
        /** How long to wait before the next attempt: Retry-After, else the backoff. */
        final Duration wait;

        CallFailure(int status, Optional<Duration> retryAfter, String auth0Message, Duration backoff,
                    Throwable cause) {
            super("Management API call failed with status " + status, cause, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
            this.auth0Message = auth0Message;
            this.wait = retryAfter.orElse(backoff);
        }

        boolean transientFailure() {
            return status == 0 || status >= 500;
        }
    }

    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ManagementPermits permits;
    private final ManagementCallMetrics metrics;

    ManagementCalls(RetryPolicy policy, Clock clock, Sleeper sleeper, ManagementPermits permits,
                    ManagementCallMetrics metrics) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.permits = permits;
        this.metrics = metrics;
    }

    /** Without metrics (tests of the calls themselves). */
    ManagementCalls(RetryPolicy policy, Clock clock, Sleeper sleeper, ManagementPermits permits) {
        this(policy, clock, sleeper, permits, ManagementCallMetrics.unrecorded());
    }

    /** Runs {@code call}; on a final failure, throws {@link CallFailure} (raw, for callers that look at it). */
    <T> T raw(String operation, Kind kind, Supplier<T> uncounted) {
        Supplier<T> call = metrics.counted(operation, uncounted);
        Execution<T> execution = Execution.of(retryPolicy(kind, clock.instant().plus(policy.maxTotal())));
        while (true) {
            int attempt = execution.getAttemptCount() + 1;
            Duration backoff = jitter(policy.backoffCeiling(attempt));
            CallFailure failure;
            permits.acquire();
            try {
                return call.get();
            } catch (ManagementApiException e) {
                failure = new CallFailure(e.statusCode(), retryAfter(e.headers()), messageOf(e.body()), backoff, e);
            } catch (OAuthTokenException e) {
                // Our client credentials were refused or the token endpoint is down: never the caller's fault.
                throw new IdentityProviderException("The identity provider did not grant this service a token.",
                        false, Optional.empty(), null);
            } catch (ManagementException e) {
                failure = new CallFailure(0, Optional.empty(), null, backoff, e);
            }
            if (failure.status == 429) {
                // Every instance stops until the reset, not only this request.
                permits.refused(attempt >= policy.maxAttempts()
                        ? failure.retryAfter.orElse(Duration.ofSeconds(1)) : failure.wait);
            }
            execution.recordException(failure);
            if (execution.isComplete()) {
                throw failure;
            }
            Duration wait = execution.getDelay();
            log.warn("Management API {}: status {} on attempt {}, retrying in {} ms", operation,
                    failure.status == 0 ? "network error" : failure.status, attempt, wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    /**
     * 429 is retried for every call, 5xx and network errors only for idempotent ones; at most {@code maxAttempts}
     * calls; no wait that would end past {@code deadline} (the request gives up at once instead).
     */
    private <T> dev.failsafe.RetryPolicy<T> retryPolicy(Kind kind, Instant deadline) {
        RetryPolicyBuilder<T> builder = dev.failsafe.RetryPolicy.builder();
        return builder
                .handleIf((result, e) -> e instanceof CallFailure f
                        && (f.status == 429 || (f.transientFailure() && kind == Kind.IDEMPOTENT)))
                .abortIf((result, e) -> e instanceof CallFailure f && clock.instant().plus(f.wait).isAfter(deadline))
                .withMaxAttempts(policy.maxAttempts())
                .withDelayFn(context -> context.getLastException() instanceof CallFailure f ? f.wait : Duration.ZERO)
                .build();
    }

    /** Runs {@code call} and maps a final failure to the product's errors. */
    <T> T run(String operation, Kind kind, Supplier<T> call) {
        try {
            return raw(operation, kind, call);
        } catch (CallFailure failure) {
            throw translate(operation, failure);
        }
    }

    static ApplicationException translate(String operation, CallFailure failure) {
        return switch (failure.status) {
            case 0 -> new IdentityProviderException("The identity provider could not be reached.", true,
                    Optional.empty(), null);
            // Auth0 answers a PATCH to a taken email with 400 "The specified new email already exists".
            case 400 -> failure.auth0Message != null && failure.auth0Message.contains("already exists")
                    ? new ConflictException("A user with this email already exists.")
                    : invalid(failure.auth0Message);
            case 404 -> new NotFoundException("The user does not exist.");
            case 409 -> new ConflictException("A user with this email already exists.");
            case 401, 403 -> {
                log.error("Management API {} refused our credentials (status {}): check the M2M application's "
                        + "grants and AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET", operation, failure.status);
                yield new IdentityProviderException("The identity provider refused this service's credentials.",
                        false, Optional.empty(), null);
            }
            case 429 -> new IdentityProviderException("The identity provider's rate limit was reached.", true,
                    failure.retryAfter, null);
            default -> failure.status >= 500
                    ? new IdentityProviderException("The identity provider is unavailable.", true, failure.retryAfter,
                            null)
                    : new IdentityProviderException("The identity provider answered with status " + failure.status
                            + ".", false, Optional.empty(), null);
        };
    }

    private static InvalidInputException invalid(String auth0Message) {
        String message = auth0Message == null || auth0Message.isBlank()
                ? "The identity provider refused the user." : auth0Message;
        String field = message.toLowerCase(Locale.ROOT).contains("password") ? "password" : "user";
        return InvalidInputException.of(field, message);
    }

    static String messageOf(Object body) {
        if (body instanceof Map<?, ?> map && map.get("message") instanceof String message) {
            // Auth0's messages describe the payload, never echo a password; keep them short anyway.
            return message.length() > 300 ? message.substring(0, 300) : message;
        }
        return null;
    }

    /** Retry-After (delta seconds or HTTP date), else x-ratelimit-reset (epoch seconds); names case-insensitive. */
    Optional<Duration> retryAfter(Map<String, List<String>> headers) {
        Optional<String> retryAfter = header(headers, "Retry-After");
        if (retryAfter.isPresent()) {
            String value = retryAfter.get().strip();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
                } catch (DateTimeParseException notADate) {
                    // fall through to the rate-limit headers
                }
            }
        }
        return header(headers, "x-ratelimit-reset").flatMap(value -> {
            try {
                Instant reset = Instant.ofEpochSecond(Long.parseLong(value.strip()));
                return Optional.of(nonNegative(Duration.between(clock.instant(), reset)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst();
    }

    private static Duration jitter(Duration ceiling) {
        long millis = ceiling.toMillis();
        return Duration.ofMillis(millis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(millis / 2, millis + 1));
    }
}
