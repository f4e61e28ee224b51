package dev.delegatedadmin.application.port.out;

import java.util.Optional;
import java.util.Set;

/**
 * At most once per (user, rule), shared by every instance. A claim is taken before the IdP is called; only its holder
 * calls. A claim whose holder vanished (crash) can be taken again after a lease.
 */
public interface LoginRuleLedger {

    /** A claim on (user, rule), identified by its token. */
    record Claim(String userId, String ruleId, String token) {
    }

    /** Rules of this user whose last attempt failed: retried by the next login even if it is not the first. */
    Set<String> retriesPending(String userId);

    /** Empty when the rule was applied already or another login holds a live claim. */
    Optional<Claim> claim(String userId, String ruleId);

    /** The IdP call succeeded: never again for this user. */
    void applied(Claim claim);

    /** The IdP call failed: the next login retries. */
    void failed(Claim claim);

    /** Nothing was done (e.g. the connection is not enabled): as if never claimed. */
    void release(Claim claim);
}
