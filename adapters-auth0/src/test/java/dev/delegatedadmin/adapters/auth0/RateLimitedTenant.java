package dev.delegatedadmin.adapters.auth0;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@link FakeAuth0} behind a tenant-wide token bucket, as Auth0 enforces it: {@code perSecond} sustained, bursts of
 * {@code burst}; beyond, 429 with {@code x-ratelimit-reset} (epoch seconds). It takes {@link FakeAuth0#NAME}, so
 * {@link FakeAuth0#stub} routes the Management API through it. Records when each call was accepted or refused.
 */
public final class RateLimitedTenant implements ResponseDefinitionTransformerV2 {

    /** A Management API call as the tenant saw it. */
    public record Call(long atNanos, boolean refused) {
    }

    private final FakeAuth0 tenant;
    private final double perSecond;
    private final int burst;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private double tokens;
    private long refilledAt = System.nanoTime();

    public RateLimitedTenant(FakeAuth0 tenant, double perSecond, int burst) {
        this.tenant = tenant;
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    @Override
    public String getName() {
        return FakeAuth0.NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public java.util.List<Call> calls() {
        return java.util.List.copyOf(calls);
    }

    public void clearCalls() {
        calls.clear();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        long now = System.nanoTime();
        boolean allowed;
        double missing;
        synchronized (this) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            missing = 1 - tokens;
        }
        calls.add(new Call(now, !allowed));
        if (allowed) {
            return tenant.transform(event);
        }
        long reset = (long) Math.ceil(System.currentTimeMillis() / 1000.0 + missing / perSecond);
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("x-ratelimit-limit", Integer.toString(burst))
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(reset))
                .withBody("{\"statusCode\":429,\"error\":\"Too Many Requests\",\"message\":\"Global limit has been reached\"}")
                .build();
    }
}
