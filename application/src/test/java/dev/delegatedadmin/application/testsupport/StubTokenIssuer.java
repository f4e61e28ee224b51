package dev.delegatedadmin.application.testsupport;

import dev.delegatedadmin.application.port.out.TokenIssuer;
import dev.delegatedadmin.domain.user.User;
import java.time.Duration;
import java.util.List;

/** Issues recognisable, unsigned placeholder tokens for use-case tests. */
public class StubTokenIssuer implements TokenIssuer {

    @Override
    public AccessToken issue(User user) {
        return new AccessToken("token-for-" + user.id().value(), Duration.ofMinutes(15));
    }

    @Override
    public List<VerificationKey> verificationKeys() {
        return List.of();
    }
}
