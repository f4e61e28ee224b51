package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.user.ConnectionName;

/** What the policy needs to know about connections, looked up by the caller before evaluation. */
@FunctionalInterface
public interface ConnectionFacts {

    /** Auth0 creates users only in database connections. */
    boolean isDatabaseConnection(ConnectionName connection);
}
