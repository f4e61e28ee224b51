package dev.delegatedadmin.adapters.web.security;

import dev.delegatedadmin.application.port.in.ResolveActorUseCase;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.user.UserId;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A verified token becomes the actor its subject names, as the IdP knows them now: a deleted or blocked
 * administrator's still-valid token is refused (401). An IdP failure propagates and is answered 502/503.
 */
final class ActorAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

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
        return new ActorAuthentication(actor, jwt);
    }
}
