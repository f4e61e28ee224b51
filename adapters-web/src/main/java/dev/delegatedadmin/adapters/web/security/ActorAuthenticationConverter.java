package dev.delegatedadmin.adapters.web.security;

import dev.delegatedadmin.application.port.in.ResolveActorUseCase;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A verified token becomes the actor its subject names, as the IdP knows them now: a deleted or blocked
 * administrator's still-valid token is refused (401). An IdP failure propagates and is answered 502/503.
 */
final class ActorAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ROLES_CLAIM = "https://delegated-admin/roles";

    private final ResolveActorUseCase actors;

    ActorAuthenticationConverter(ResolveActorUseCase actors) {
        this.actors = actors;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        UserId subject;
        try {
            subject = new UserId(jwt.getSubject());
        } catch (InvalidValueException e) {
            throw new InvalidBearerTokenException("The token has no valid subject.");
        }
        Actor actor = actors.resolve(subject)
                .orElseThrow(() -> new InvalidBearerTokenException("The token's user no longer exists or is blocked."));
        return new ActorAuthentication(withClaimedRoles(actor, jwt), jwt);
    }

    /**
     * Roles come from {@code app_metadata.roles}, read fresh; only an actor with none there takes the roles of the
     * token's {@value #ROLES_CLAIM} claim (a tenant that manages roles with Auth0 RBAC and a post-login Action).
     * Unknown role names are ignored. The department never comes from the token.
     */
    static Actor withClaimedRoles(Actor actor, Jwt jwt) {
        if (!actor.roles().isEmpty() || !(jwt.getClaims().get(ROLES_CLAIM) instanceof Collection<?> claimed)) {
            return actor;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        claimed.stream().filter(String.class::isInstance).map(String.class::cast)
                .map(Role::fromExternalName).flatMap(Optional::stream).forEach(roles::add);
        return roles.isEmpty() ? actor : new Actor(actor.id(), actor.email(), actor.department(), roles);
    }
}
