package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.auth0.actorcache.ActorInvalidationListener;
import dev.delegatedadmin.adapters.auth0.actorcache.CachedActorLookup;
import dev.delegatedadmin.application.port.out.ActorInvalidations;
import dev.delegatedadmin.application.port.out.LoadUsers;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * IDP=auth0: the actor cache ({@code AUTH0_ACTOR_CACHE_TTL}; {@code 0s} keeps nothing) and its cross-instance eviction through
 * PostgreSQL. The local IdP reads the actor on every request and needs neither.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = IdentityProviderConfiguration.IDP, havingValue = "auth0")
class ActorCacheConfiguration {

    /** Held, not exposed as a {@link LoadUsers} bean: only actor resolution reads through it. */
    record ActorCache(CachedActorLookup lookup) {
    }

    @Bean
    ActorCache actorCache(LoadUsers loadUsers, Clock clock,
                          @Value("${delegated-admin.auth0.actor-cache-ttl:30s}") Duration ttl) {
        return new ActorCache(new CachedActorLookup(loadUsers, ttl, clock));
    }

    /** Polled every {@code interval}; the cache is trusted for {@code trust} after each successful poll. */
    @Bean(initMethod = "start", destroyMethod = "close")
    ActorInvalidationListener actorInvalidationListener(
            ActorInvalidations invalidations, ActorCache actorCache, Clock clock,
            @Value("${delegated-admin.auth0.actor-invalidation.poll-interval:250ms}") Duration interval,
            @Value("${delegated-admin.auth0.actor-invalidation.trust:1s}") Duration trust) {
        return new ActorInvalidationListener(invalidations, actorCache.lookup(), interval, trust, clock);
    }
}
