package dev.delegatedadmin.adapters.auth0;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** WireMock with the fake tenant, and adapters pointed at it (recording their waits instead of sleeping). */
final class Auth0Stub {

    static final String DOMAIN = "tenant.example.auth0.com";
    static final String CLIENT_ID = "test-client-id";
    static final String CLIENT_SECRET = "test-client-secret-never-logged";

    /** The adapter's own tests are about single calls: no budget. */
    static final ManagementPermits UNLIMITED = new ManagementPermits() {
        @Override
        public void acquire() {
        }

        @Override
        public void refused(Duration resetIn) {
        }
    };

    final FakeAuth0 tenant = new FakeAuth0();
    final WireMockServer server = new WireMockServer(options().dynamicPort().extensions(tenant));
    final List<Duration> waits = new ArrayList<>();

    Auth0Stub start() {
        server.start();
        FakeAuth0.stub(server);
        return this;
    }

    void reset() {
        server.resetAll();
        FakeAuth0.stub(server);
        tenant.reset();
        waits.clear();
    }

    void stop() {
        server.stop();
    }

    Auth0Settings settings(Duration timeout) {
        return new Auth0Settings(DOMAIN, CLIENT_ID, CLIENT_SECRET,
                Optional.of("http://127.0.0.1:" + server.port() + "/api/v2"), timeout);
    }

    Auth0IdentityProvider identityProvider() {
        return identityProvider(new RetryPolicy(4, Duration.ofSeconds(10), Duration.ofMillis(100),
                Duration.ofSeconds(1)), Duration.ofSeconds(1));
    }

    Auth0IdentityProvider identityProvider(RetryPolicy retry, Duration timeout) {
        Clock clock = Clock.systemUTC();
        return new Auth0IdentityProvider(Auth0AdapterConfiguration.managementApi(settings(timeout)),
                new ManagementCalls(retry, clock, waits::add, UNLIMITED), clock, Duration.ofMinutes(10));
    }

    /** Every request, oldest first. */
    List<ServeEvent> events() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events);
        return events;
    }

    List<ServeEvent> apiEvents() {
        return events().stream().filter(e -> e.getRequest().getUrl().startsWith("/api/v2/")).toList();
    }

    static List<String> lines(List<ServeEvent> events) {
        return events.stream().map(e -> e.getRequest().getMethod().getName() + " " + e.getRequest().getUrl()).toList();
    }

}
