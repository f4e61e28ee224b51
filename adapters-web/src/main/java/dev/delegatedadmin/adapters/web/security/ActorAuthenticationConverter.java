package dev.delegatedadmin.adapters.web.security;

import dev.delegatedadmin.application.port.in.ResolveActorUseCase;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A verified token becomes the actor its subject names, as the IdP knows them now: a deleted or blocked
 * administrator's still-valid token is refused (401). An IdP failure propagates and is answered 502/503.
 */
final class ActorAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

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
        Actor actor = (isWrite() ? actors.resolveForWrite(subject) : actors.resolve(subject))
                .orElseThrow(() -> new InvalidBearerTokenException("The token's user no longer exists or is blocked."));
        // Roles and department come from the IdP's record (ROLE_SOURCE), never from the token: one source for the
        // actor and for the targets the actor acts on.
        return new ActorAuthentication(actor, jwt);
    }

    /** A write request, or one whose method is unknown here (then the fresher read is the safe one). */
    private static boolean isWrite() {
        return !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
                || !READS.contains(attributes.getRequest().getMethod());
    }
}
