package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Optional;

/** The local IdP's token revocation: checked on every request, and logout ({@code DELETE /api/v1/session}). */
public interface LocalTokensUseCase {

    /** Whether a token with this credential version ({@code cv}) is still good for {@code subject}. */
    boolean isCurrent(UserId subject, long credentialVersion);

    /** Revokes every token of the actor issued so far. */
    void logOut(Actor actor, Optional<String> requestId);
}
