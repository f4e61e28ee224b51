package dev.delegatedadmin.adapters.auth0;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.CreateUserCommand;
import dev.delegatedadmin.application.service.UserWriteService;
import dev.delegatedadmin.application.testsupport.InMemoryAuditTrail;
import dev.delegatedadmin.application.testsupport.StaticPolicyStore;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits, outages, timeouts and refused credentials, each with its outcome and, through the real write
 * service, its audit row. Waits are recorded, not slept.
 */
class Auth0FaultsTest {

    private static Auth0Stub stub;
    private Auth0IdentityProvider idp;
    private InMemoryAuditTrail audit;
    private UserWriteService writes;
    private Caller kelly;

    @BeforeAll
    static void start() {
        stub = new Auth0Stub().start();
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @BeforeEach
    void fresh() {
        stub.reset();
        idp = stub.identityProvider();
        audit = new InMemoryAuditTrail(Clock.systemUTC());
        writes = new UserWriteService(idp, idp, audit, StaticPolicyStore.shippedDefault(), Clock.systemUTC());
        kelly = new Caller(new Actor(new UserId("auth0|kelly"), "kelly@example.com",
                Optional.of(new Department("Finance")), Set.of(Role.USER_ADMIN)), Optional.of("req-1"));
        idp.isDatabaseConnection(dev.delegatedadmin.domain.user.ConnectionName.DEFAULT_DATABASE);
        stub.server.resetRequests();
    }

    @Test
    void a_429_with_retry_after_waits_that_long_then_succeeds() {
        User kim = idp.create(Auth0RequestsTest.newUser("kim@example.com"));
        stub.server.stubFor(get(urlPathMatching("/api/v2/users/.*")).atPriority(1).inScenario("429")
                .whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
        stub.server.resetRequests();

        assertThat(idp.findById(kim.id())).contains(kim);
        assertThat(stub.waits).containsExactly(Duration.ofSeconds(2));
        assertThat(stub.apiEvents()).hasSize(2);
    }

    @Test
    void a_429_with_only_x_ratelimit_reset_waits_until_the_reset() {
        long reset = Instant.now().getEpochSecond() + 3;
        stub.server.stubFor(post(urlPathEqualTo("/api/v2/users")).atPriority(1).inScenario("429")
                .whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Reset", Long.toString(reset))));

        User kim = idp.create(Auth0RequestsTest.newUser("kim@example.com"));

        assertThat(kim.email().value()).isEqualTo("kim@example.com");
        assertThat(stub.waits).hasSize(1);
        assertThat(stub.waits.getFirst()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
        // A 429 is a refusal, not an execution: the create is simply sent again.
        assertThat(Auth0Stub.lines(stub.apiEvents()))
                .containsExactly("POST /api/v2/users", "POST /api/v2/users");
    }

    @Test
    void a_429_beyond_the_budget_is_a_503_with_retry_after_and_a_failed_audit_row() {
        stub.server.stubFor(post(urlPathEqualTo("/api/v2/users")).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", "60")));

        assertThatThrownBy(() -> writes.create(new CreateUserCommand(kelly, payload("kim@example.com"))))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> {
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
                });
        assertThat(lastEvent().status()).isEqualTo(AuditStatus.FAILED);
        assertThat(stub.apiEvents()).hasSize(1);
    }

    @Test
    void a_503_then_success_on_get_is_retried() {
        User kim = idp.create(Auth0RequestsTest.newUser("kim@example.com"));
        stub.server.stubFor(get(urlPathMatching("/api/v2/users/.*")).atPriority(1).inScenario("503")
                .whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(503)));
        stub.server.resetRequests();

        assertThat(idp.findById(kim.id())).contains(kim);
        assertThat(stub.apiEvents()).hasSize(2);
        assertThat(stub.waits).hasSize(1);
    }

    @Test
    void a_503_on_create_looks_the_email_up_instead_of_creating_twice() {
        // The tenant created the user, then the answer was lost as a 503.
        User created = idp.create(Auth0RequestsTest.newUser("kim@example.com"));
        stub.server.stubFor(post(urlPathEqualTo("/api/v2/users")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        stub.server.resetRequests();

        User kim = writes.create(new CreateUserCommand(kelly, payload("kim@example.com")));

        assertThat(Auth0Stub.lines(stub.apiEvents())).containsExactly(
                "POST /api/v2/users", "GET /api/v2/users-by-email?email=kim%40example.com");
        assertThat(kim).isEqualTo(created);
        assertThat(lastEvent().status()).isEqualTo(AuditStatus.SUCCEEDED);
    }

    @Test
    void a_503_on_create_with_no_such_user_sends_the_create_again() {
        stub.server.stubFor(post(urlPathEqualTo("/api/v2/users")).atPriority(1).inScenario("refused")
                .whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(503)));

        User kim = idp.create(Auth0RequestsTest.newUser("kim@example.com"));

        assertThat(Auth0Stub.lines(stub.apiEvents())).containsExactly(
                "POST /api/v2/users", "GET /api/v2/users-by-email?email=kim%40example.com", "POST /api/v2/users");
        assertThat(kim.email().value()).isEqualTo("kim@example.com");
    }

    @Test
    void a_timeout_on_create_is_not_blindly_resent_and_an_outage_is_audited() {
        stub.server.stubFor(post(urlPathEqualTo("/api/v2/users")).atPriority(1)
                .willReturn(aResponse().withStatus(201).withFixedDelay(1_500)));
        stub.server.stubFor(get(urlPathEqualTo("/api/v2/users-by-email")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        Auth0IdentityProvider oneAttempt = stub.identityProvider(
                new RetryPolicy(1, Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(10)),
                Duration.ofSeconds(1));
        UserWriteService service = new UserWriteService(oneAttempt, oneAttempt, audit, StaticPolicyStore.shippedDefault(),
                Clock.systemUTC());
        oneAttempt.isDatabaseConnection(dev.delegatedadmin.domain.user.ConnectionName.DEFAULT_DATABASE);
        stub.server.resetRequests();

        assertThatThrownBy(() -> service.create(new CreateUserCommand(kelly, payload("kim@example.com"))))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> assertThat(e.unavailable()).isTrue());
        assertThat(Auth0Stub.lines(stub.apiEvents())).containsExactly(
                "POST /api/v2/users", "GET /api/v2/users-by-email?email=kim%40example.com");
        assertThat(lastEvent().status()).isEqualTo(AuditStatus.FAILED);
    }

    @Test
    void management_api_401_is_a_502_never_the_callers_fault_and_never_shows_a_secret() {
        stub.server.stubFor(get(urlPathMatching("/api/v2/users/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"Invalid token\"}")));

        assertThatThrownBy(() -> idp.findById(new UserId("auth0|kim")))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain(Auth0Stub.CLIENT_SECRET, FakeAuth0.MANAGEMENT_TOKEN);
                });
        assertThat(stub.apiEvents()).hasSize(1);
    }

    @Test
    void a_refused_token_request_is_a_502() {
        stub.server.stubFor(post(urlPathEqualTo("/oauth/token")).atPriority(1)
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"access_denied\"}")));
        Auth0IdentityProvider fresh = stub.identityProvider();

        assertThatThrownBy(() -> fresh.findById(new UserId("auth0|kim")))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain(Auth0Stub.CLIENT_SECRET);
                });
        assertThat(stub.apiEvents()).isEmpty();
    }

    private static WritePayload payload(String email) {
        return WritePayload.empty().withEmail(new Email(email)).withPassword(new Password("Str0ng-Pa55word!"))
                .withMemberships(List.of(new Department("Finance")));
    }

    private AuditEvent lastEvent() {
        return audit.all().getLast();
    }
}
