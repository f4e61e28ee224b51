package dev.delegatedadmin.adapters.auth0;

import dev.delegatedadmin.application.contract.IdentityProviderContract;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared IdP contract against the Auth0 adapter, the SDK and a fake tenant behind WireMock. */
class Auth0IdentityProviderContractTest extends IdentityProviderContract<Auth0IdentityProvider> {

    private static Auth0Stub stub;

    @BeforeAll
    static void start() {
        stub = new Auth0Stub().start();
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @Override
    protected Auth0IdentityProvider newIdentityProvider() {
        stub.reset();
        return stub.identityProvider();
    }

    /** A social connection exists in the tenant, but users cannot be created there. */
    @Override
    protected ConnectionName unknownConnection() {
        return new ConnectionName(FakeAuth0.SOCIAL);
    }

    @Override
    protected UserId unknownUserId() {
        return new UserId("auth0|0123456789abcdef01234567");
    }
}
