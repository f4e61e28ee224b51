package dev.delegatedadmin.adapters.web.security;

import dev.delegatedadmin.domain.actor.Actor;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An authenticated request: the principal is the domain {@link Actor}, read fresh from the IdP. Authorities
 * mirror the roles for diagnostics only; role checks belong to the use cases.
 */
final class ActorAuthentication extends AbstractAuthenticationToken {

    private final Actor actor;
    private final transient Jwt token;

    ActorAuthentication(Actor actor, Jwt token) {
        super(actor.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.externalName())).toList());
        this.actor = actor;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Actor getPrincipal() {
        return actor;
    }

    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return actor.id().value();
    }

    @Override
    public String toString() {
        // Never the token itself.
        return "ActorAuthentication[" + actor.id() + ", roles=" + List.copyOf(actor.roles()) + "]";
    }
}
