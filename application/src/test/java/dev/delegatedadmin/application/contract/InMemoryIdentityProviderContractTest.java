package dev.delegatedadmin.application.contract;

import dev.delegatedadmin.application.testsupport.InMemoryIdentityProvider;
import java.time.Clock;

/** The in-memory double must behave like a real IdP, or the use-case tests built on it prove little. */
class InMemoryIdentityProviderContractTest extends IdentityProviderContract<InMemoryIdentityProvider> {

    @Override
    protected InMemoryIdentityProvider newIdentityProvider() {
        return new InMemoryIdentityProvider(Clock.systemUTC());
    }
}
