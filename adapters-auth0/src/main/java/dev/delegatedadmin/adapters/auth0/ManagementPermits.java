package dev.delegatedadmin.adapters.auth0;

import java.time.Duration;

/** Admission to the tenant's Management API: one permit per call sent. */
interface ManagementPermits {

    /**
     * Waits for a permit, in a bounded queue; beyond its bound, throws a 503-style
     * {@link dev.delegatedadmin.application.error.IdentityProviderException} with Retry-After.
     */
    void acquire();

    /** The tenant answered 429: no call is sent, by any instance, for {@code resetIn}. */
    void refused(Duration resetIn);
}
