package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Optional;

/**
 * Removes a brute-force block (the account lock after too many failed log-ins) and audits it. The caller decides
 * who may: the help-desk endpoint will put it through the policy document (administrator or user-admin in scope).
 */
public interface UnlockLoginUseCase {

    /** True when the user had a lock (or failure count) that is now gone. */
    boolean unlock(UserId user, Actor by, Optional<String> requestId);
}
