package dev.delegatedadmin.adapters.auth0.actorcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.port.out.ActorInvalidations;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.application.port.out.WriteUsers;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedActorLookupTest {

    private static final UserId KELLY = new UserId("auth0|kelly");

    private final AtomicInteger reads = new AtomicInteger();
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private boolean blocked;

    private final LoadUsers tenant = id -> {
        reads.incrementAndGet();
        return Optional.of(new User(id, new Email("kelly@example.com"), ConnectionName.DEFAULT_DATABASE, true,
                blocked, Metadata.EMPTY, new Metadata(Map.of("department", "Finance")), now, now, 1,
                Optional.empty()));
    };

    private final WriteUsers tenantWrites = new WriteUsers() {
        @Override
        public User create(NewUser user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public User update(UserId id, UserChanges changes) {
            blocked = changes.blocked().orElse(blocked);
            return tenant.findById(id).orElseThrow();
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
    void the_actor_is_read_once_per_ttl_and_an_announced_write_forgets_them() {
        CachedActorLookup actors = new CachedActorLookup(tenant, Duration.ofSeconds(30), clock);
        List<UserId> published = new ArrayList<>();
        WriteUsers writes = new AnnouncingUserWrites(tenantWrites, actors, feed(List.of(), published));

        actors.findById(KELLY);
        actors.findById(KELLY);
        assertThat(reads).hasValue(1);

        blocked = true;
        now = now.plusSeconds(29);
        assertThat(actors.findById(KELLY).orElseThrow().blocked()).as("stale within the TTL").isFalse();
        now = now.plusSeconds(2);
        assertThat(actors.findById(KELLY).orElseThrow().blocked()).as("fresh after the TTL").isTrue();
        assertThat(reads).hasValue(2);

        writes.update(KELLY, new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false),
                Map.of(), Map.of()));
        assertThat(actors.findById(KELLY).orElseThrow().blocked()).isFalse();
        assertThat(published).as("announced to the other instances").containsExactly(KELLY);
    }

    @Test
    void writes_accept_only_a_recent_copy_and_an_untrusted_cache_is_not_used() {
        CachedActorLookup actors = new CachedActorLookup(tenant, Duration.ofSeconds(30), clock);
        LoadUsers writes = actors.forWrites(Duration.ofSeconds(5));
        actors.findById(KELLY);
        now = now.plusSeconds(4);
        writes.findById(KELLY);
        assertThat(reads).hasValue(1);
        now = now.plusSeconds(2);
        writes.findById(KELLY);
        assertThat(reads).as("older than the write bound").hasValue(2);

        actors.trustUntil(now);
        actors.findById(KELLY);
        assertThat(reads).as("no successful poll lately").hasValue(3);
    }

    @Test
    void an_eviction_during_a_read_keeps_the_read_out_of_the_cache() {
        CachedActorLookup[] holder = new CachedActorLookup[1];
        LoadUsers racing = id -> {
            Optional<User> user = tenant.findById(id);
            holder[0].evict(id); // the write's invalidation arrives while the old state is on its way
            return user;
        };
        holder[0] = new CachedActorLookup(racing, Duration.ofSeconds(30), clock);
        holder[0].findById(KELLY);
        holder[0].findById(KELLY);
        assertThat(reads).hasValue(2);
    }

    @Test
    void the_listener_evicts_late_visible_ids_once_and_trusts_the_cache_after_each_poll() {
        CachedActorLookup actors = new CachedActorLookup(tenant, Duration.ofSeconds(30), clock);
        List<ActorInvalidations.Invalidation> rows = new ArrayList<>();
        ActorInvalidations feed = feed(rows, new ArrayList<>());
        ActorInvalidationListener listener = new ActorInvalidationListener(feed, actors, Duration.ofMillis(250),
                Duration.ofSeconds(1), clock);
        actors.findById(KELLY);
        rows.add(new ActorInvalidations.Invalidation(12, new UserId("auth0|x")));
        listener.poll();
        actors.findById(KELLY);
        assertThat(reads).hasValue(1);
        // Id 11 commits after 12 was seen: still applied, once.
        rows.add(new ActorInvalidations.Invalidation(11, KELLY));
        listener.poll();
        actors.findById(KELLY);
        listener.poll();
        actors.findById(KELLY);
        assertThat(reads).hasValue(2);

        now = now.plusMillis(1_500);
        actors.findById(KELLY);
        assertThat(reads).as("a second without a poll").hasValue(3);
    }

    /** Invalidations as PostgreSQL would list them ({@code rows}), and those this instance published. */
    private static ActorInvalidations feed(List<ActorInvalidations.Invalidation> rows, List<UserId> published) {
        return new ActorInvalidations() {
            @Override
            public void publish(UserId user) {
                published.add(user);
            }

            @Override
            public long latestId() {
                return 10;
            }

            @Override
            public List<Invalidation> recent(long afterId, Duration lookback) {
                return List.copyOf(rows);
            }

            @Override
            public void sweep(Duration age) {
            }
        };
    }
}
