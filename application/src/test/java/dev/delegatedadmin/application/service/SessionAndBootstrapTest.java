package dev.delegatedadmin.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.AuthenticationFailedException;
import dev.delegatedadmin.application.port.in.BootstrapAdministratorUseCase.Bootstrapped;
import dev.delegatedadmin.application.port.in.WhoAmIUseCase.ActorProfile;
import dev.delegatedadmin.application.testsupport.InMemoryAuditTrail;
import dev.delegatedadmin.application.testsupport.InMemoryIdentityProvider;
import dev.delegatedadmin.application.testsupport.StaticPolicyStore;
import dev.delegatedadmin.application.testsupport.StubTokenIssuer;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionAndBootstrapTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryIdentityProvider idp = new InMemoryIdentityProvider(clock);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final SessionService sessions = new SessionService(idp, new StubTokenIssuer(), audit, clock,
            LoginThrottleServiceTest.throttle(idp, audit, clock), Optional.empty());
    private final BootstrapAdministratorService bootstrap = new BootstrapAdministratorService(idp, idp, audit, clock);
    private final ActorService actors = new ActorService(idp, StaticPolicyStore.shippedDefault());

    @Test
    void first_start_creates_an_it_administrator_with_a_generated_password_once() {
        Optional<Bootstrapped> first = bootstrap.bootstrapIfEmpty(new Email("admin@localhost.test"), Optional.empty());

        assertThat(first).isPresent();
        User admin = first.get().administrator();
        assertThat(admin.department()).contains(new Department("IT"));
        assertThat(Actor.from(admin).has(Role.ADMINISTRATOR)).isTrue();
        Password generated = first.get().generatedPassword().orElseThrow();
        assertThat(generated.reveal()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(audit.all().toString()).doesNotContain(generated.reveal());
        assertThat(sessions.logIn(new Email("admin@localhost.test"), generated, "192.0.2.1", Optional.empty(), Optional.empty()).value())
                .isEqualTo("token-for-" + admin.id());

        assertThat(bootstrap.bootstrapIfEmpty(new Email("other@localhost.test"), Optional.empty())).isEmpty();
    }

    @Test
    void given_password_is_used_and_not_returned() {
        Bootstrapped result = bootstrap.bootstrapIfEmpty(new Email("admin@localhost.test"),
                Optional.of(new Password("given-password"))).orElseThrow();
        assertThat(result.generatedPassword()).isEmpty();
        sessions.logIn(new Email("admin@localhost.test"), new Password("given-password"), "192.0.2.1", Optional.empty(), Optional.empty());
    }

    @Test
    void wrong_password_and_unknown_email_get_the_same_answer_and_are_audited() {
        idp.seed("kelly@example.com", "Finance", List.of("user-admin"), "right-password");
        assertThatThrownBy(() -> sessions.logIn(new Email("kelly@example.com"), new Password("wrong-password"), "192.0.2.1", Optional.empty(), Optional.empty()))
                .isInstanceOf(AuthenticationFailedException.class).hasMessage("Wrong email or password.");
        assertThatThrownBy(() -> sessions.logIn(new Email("nobody@example.com"), new Password("wrong-password"), "192.0.2.1", Optional.empty(), Optional.empty()))
                .isInstanceOf(AuthenticationFailedException.class).hasMessage("Wrong email or password.");
        assertThat(audit.all()).extracting(e -> e.status()).containsOnly(AuditStatus.DENIED);
        assertThat(audit.all().toString()).doesNotContain("wrong-password").doesNotContain("right-password");
    }

    @Test
    void blocked_user_cannot_log_in_and_is_no_actor() {
        User kelly = idp.seed("kelly@example.com", "Finance", List.of("user-admin"), "right-password");
        idp.update(kelly.id(), new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true),
                Map.of(), Map.of()));
        assertThatThrownBy(() -> sessions.logIn(new Email("kelly@example.com"), new Password("right-password"), "192.0.2.1", Optional.empty(), Optional.empty()))
                .isInstanceOf(AuthenticationFailedException.class).hasMessage("This user is blocked.");
        assertThat(actors.resolve(kelly.id())).isEmpty();
    }

    @Test
    void who_am_i_and_assignable_memberships() {
        User kelly = idp.seed("kelly@example.com", "Finance", List.of("user-admin"), null);
        User reader = idp.seed("audrey@example.com", "IT", List.of("auditor"), null);
        ActorProfile me = actors.whoAmI(actors.resolve(kelly.id()).orElseThrow());
        assertThat(me.scope().all()).isFalse();
        assertThat(me.scope().departments()).containsExactly(new Department("Finance"));
        assertThat(me.assignableMemberships()).containsExactly(new Department("Finance"));

        Actor itAuditor = actors.resolve(reader.id()).orElseThrow();
        assertThat(actors.whoAmI(itAuditor).scope().all()).isTrue();
        assertThat(actors.assignableMemberships(itAuditor)).isEmpty();
    }

    @Test
    void a_login_runs_the_login_rules_and_their_failure_never_fails_the_login() {
        Bootstrapped admin = bootstrap.bootstrapIfEmpty(new Email("admin@localhost.test"),
                Optional.of(new Password("given-password"))).orElseThrow();
        java.util.List<dev.delegatedadmin.domain.login.LoginEvent> seen = new java.util.ArrayList<>();
        SessionService withRules = new SessionService(idp, new StubTokenIssuer(), audit, clock,
                LoginThrottleServiceTest.throttle(idp, audit, clock), Optional.of(
                (event, door, requestId) -> {
                    seen.add(event);
                    assertThat(door).isEqualTo(dev.delegatedadmin.application.port.in.ProcessLoginUseCase.Door.LOCAL_SESSION);
                    throw new IllegalStateException("provisioning is down");
                }));

        assertThat(withRules.logIn(new Email("admin@localhost.test"), new Password("given-password"), "192.0.2.1", Optional.empty(), Optional.empty())
                .value()).isEqualTo("token-for-" + admin.administrator().id());
        assertThat(seen).singleElement().satisfies(event -> {
            assertThat(event.userId()).isEqualTo(admin.administrator().id());
            assertThat(event.connection().name()).isEqualTo("Username-Password-Authentication");
            assertThat(event.connection().strategy()).isEqualTo("auth0");
            assertThat(event.department()).contains(new Department("IT"));
        });
    }
}
