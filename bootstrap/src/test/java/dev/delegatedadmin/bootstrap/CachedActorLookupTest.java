package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.port.out.IdentityProvider;
import dev.delegatedadmin.application.port.out.UserPage;
import dev.delegatedadmin.application.port.out.UserSearch;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedActorLookupTest {

    private static final UserId KELLY = new UserId("auth0|kelly");

    private final AtomicInteger reads = new AtomicInteger();
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private boolean blocked;

    private final IdentityProvider tenant = new IdentityProvider() {
        @Override
        public Optional<User> findById(UserId id) {
            reads.incrementAndGet();
            return Optional.of(new User(id, new Email("kelly@example.com"), ConnectionName.DEFAULT_DATABASE, true,
                    blocked, Metadata.EMPTY, new Metadata(Map.of("department", "Finance")), now, now, 1,
                    Optional.empty()));
        }

        @Override
        public User create(NewUser user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UserPage search(UserSearch search) {
            throw new UnsupportedOperationException();
        }

        @Override
        public User update(UserId id, UserChanges changes) {
            blocked = changes.blocked().orElse(blocked);
            return findById(id).orElseThrow();
        }

        @Override
        public void delete(UserId id) {
        }

        @Override
        public boolean isDatabaseConnection(ConnectionName connection) {
            return true;
        }
    };

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void the_actor_is_read_once_per_ttl_and_a_write_through_it_forgets_them() {
        CachedActorLookup actors = new CachedActorLookup(tenant, Duration.ofSeconds(30), clock);

        actors.findById(KELLY);
        actors.findById(KELLY);
        assertThat(reads).hasValue(1);

        blocked = true;
        now = now.plusSeconds(29);
        assertThat(actors.findById(KELLY).orElseThrow().blocked()).as("stale within the TTL").isFalse();
        now = now.plusSeconds(2);
        assertThat(actors.findById(KELLY).orElseThrow().blocked()).as("fresh after the TTL").isTrue();
        assertThat(reads).hasValue(2);

        actors.update(KELLY, new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false),
                Map.of(), Map.of()));
        assertThat(actors.findById(KELLY).orElseThrow().blocked()).isFalse();
    }
}
