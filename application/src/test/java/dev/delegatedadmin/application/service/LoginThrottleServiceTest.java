package dev.delegatedadmin.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.AuthenticationFailedException;
import dev.delegatedadmin.application.error.TooManyAttemptsException;
import dev.delegatedadmin.application.port.in.LoginThrottleSettings;
import dev.delegatedadmin.application.testsupport.InMemoryAuditTrail;
import dev.delegatedadmin.application.testsupport.InMemoryIdentityProvider;
import dev.delegatedadmin.application.testsupport.InMemoryLoginThrottleStore;
import dev.delegatedadmin.application.testsupport.StubTokenIssuer;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleServiceTest {

    static final LoginThrottleSettings SETTINGS = new LoginThrottleSettings(
            new LoginThrottleSettings.Limit(3, Duration.ofMinutes(15), Duration.ofMinutes(15)),
            new LoginThrottleSettings.Limit(5, Duration.ofMinutes(15), Duration.ofMinutes(10)), 2, Duration.ofSeconds(1));

    static LoginThrottleService throttle(InMemoryIdentityProvider idp, InMemoryAuditTrail audit, Clock clock) {
        return new LoginThrottleService(SETTINGS, new InMemoryLoginThrottleStore(clock), idp, audit, clock);
    }

    private final MovingClock clock = new MovingClock();
    private final InMemoryIdentityProvider idp = new InMemoryIdentityProvider(clock);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final LoginThrottleService throttle = throttle(idp, audit, clock);
    private final SessionService sessions = new SessionService(idp, new StubTokenIssuer(), audit, clock, throttle,
            Optional.empty());

    @Test
    void the_limit_locks_known_and_unknown_emails_alike_and_refuses_even_the_right_password() {
        User kelly = idp.seed("kelly@example.com", "Finance", List.of("user-admin"), "right-password");
        for (String email : List.of("kelly@example.com", "nobody@example.com")) {
            fail(email, "192.0.2.1", AuthenticationFailedException.class);
            fail(email, "192.0.2.2", AuthenticationFailedException.class);
            TooManyAttemptsException locked = fail(email, "192.0.2.3", TooManyAttemptsException.class);
            assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        }
        clock.advance(Duration.ofMinutes(5));
        assertThat(fail("kelly@example.com", "right-password", "192.0.2.4", TooManyAttemptsException.class).retryAfter())
                .isEqualTo(Duration.ofMinutes(10));

        // Per account: one failure and one lock audited each; the rest counted.
        assertThat(actions()).containsExactly("session.create", "session.lock", "session.create", "session.lock");

        clock.advance(Duration.ofMinutes(10));
        assertThat(sessions.logIn(new Email("kelly@example.com"), new Password("right-password"), "192.0.2.4",
                Optional.empty(), Optional.empty()).value()).isEqualTo("token-for-" + kelly.id());
    }

    @Test
    void login_failed_login_and_lock_rows_carry_the_clients_request_id_beside_the_servers() {
        idp.seed("kelly@example.com", "Finance", List.of("user-admin"), "right-password");
        for (int i = 1; i <= 3; i++) {
            String id = "client-" + i;
            assertThatThrownBy(() -> sessions.logIn(new Email("kelly@example.com"), new Password("wrong-password"),
                    "192.0.2.1", Optional.of("server-" + id), Optional.of(id))).isInstanceOf(RuntimeException.class);
        }
        clock.advance(Duration.ofMinutes(20));
        sessions.logIn(new Email("kelly@example.com"), new Password("right-password"), "192.0.2.9",
                Optional.of("server-client-4"), Optional.of("client-4"));

        // The first failure, the lock (third failure), the success; the second failure is only counted.
        assertThat(audit.all()).extracting(e -> e.record().action().externalName() + " "
                        + e.record().requestId().orElseThrow() + " " + e.record().clientRequestId().orElseThrow())
                .containsExactly("session.create server-client-1 client-1", "session.lock server-client-3 client-3",
                        "session.create server-client-4 client-4");
    }

    @Test
    void unlock_removes_the_block_and_is_audited() {
        User kelly = idp.seed("kelly@example.com", "Finance", List.of("user-admin"), "right-password");
        User admin = idp.seed("admin@example.com", "IT", List.of("administrator"), null);
        for (String address : List.of("192.0.2.1", "192.0.2.2", "192.0.2.3")) {
            assertThatThrownBy(() -> sessions.logIn(new Email("kelly@example.com"), new Password("wrong-password"),
                    address, Optional.empty(), Optional.empty())).isInstanceOf(RuntimeException.class);
        }
        assertThat(throttle.unlock(kelly.id(), Actor.from(admin), Optional.of("r1"))).isTrue();
        assertThat(throttle.unlock(kelly.id(), Actor.from(admin), Optional.of("r2"))).isFalse();
        assertThat(actions()).endsWith("session.lock", "session.unlock");
        sessions.logIn(new Email("kelly@example.com"), new Password("right-password"), "192.0.2.9", Optional.empty(),
                Optional.empty());
    }

    @Test
    void an_address_is_limited_across_emails() {
        for (int i = 1; i <= 4; i++) {
            fail("user" + i + "@example.com", "198.51.100.7", AuthenticationFailedException.class);
        }
        assertThat(fail("user5@example.com", "198.51.100.7", TooManyAttemptsException.class).retryAfter())
                .isEqualTo(Duration.ofMinutes(10));
        fail("user6@example.com", "198.51.100.7", TooManyAttemptsException.class);
        fail("user6@example.com", "198.51.100.8", AuthenticationFailedException.class);
        assertThat(actions()).filteredOn("session.lock"::equals).hasSize(1);
    }

    @Test
    void failures_outside_the_window_start_a_new_count() {
        fail("kelly@example.com", "192.0.2.1", AuthenticationFailedException.class);
        fail("kelly@example.com", "192.0.2.1", AuthenticationFailedException.class);
        clock.advance(Duration.ofMinutes(16));
        fail("kelly@example.com", "192.0.2.2", AuthenticationFailedException.class);
        fail("kelly@example.com", "192.0.2.2", AuthenticationFailedException.class);
        fail("kelly@example.com", "192.0.2.2", TooManyAttemptsException.class);
    }

    @Test
    void beyond_the_bound_on_concurrent_checks_a_log_in_is_answered_busy() {
        LoginThrottleSettings.Limit limit = SETTINGS.account();
        LoginThrottleService one = new LoginThrottleService(new LoginThrottleSettings(limit, limit, 1, Duration.ZERO),
                new InMemoryLoginThrottleStore(clock), idp, audit, clock);
        TooManyAttemptsException busy = one.checkPassword(() -> {
            try {
                one.checkPassword(() -> "a second check at once");
            } catch (TooManyAttemptsException e) {
                return e;
            }
            throw new AssertionError("two checks ran at once");
        });
        assertThat(busy.busy()).isTrue();
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(one.checkPassword(() -> "free again")).isEqualTo("free again");
    }

    private List<String> actions() {
        return audit.all().stream().map(e -> e.record().action().externalName()).toList();
    }

    private <T extends RuntimeException> T fail(String email, String address, Class<T> expected) {
        return fail(email, "wrong-password", address, expected);
    }

    private <T extends RuntimeException> T fail(String email, String password, String address, Class<T> expected) {
        try {
            sessions.logIn(new Email(email), new Password(password), address, Optional.empty(), Optional.empty());
        } catch (RuntimeException e) {
            assertThat(e).isInstanceOf(expected);
            return expected.cast(e);
        }
        throw new AssertionError("The log-in of " + email + " succeeded");
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
