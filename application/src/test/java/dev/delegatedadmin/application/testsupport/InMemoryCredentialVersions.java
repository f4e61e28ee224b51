package dev.delegatedadmin.application.testsupport;

import dev.delegatedadmin.application.port.out.CredentialVersions;
import dev.delegatedadmin.domain.user.UserId;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Every user starts at version 0 (whether or not an IdP knows them); {@link #bump} counts up. */
public class InMemoryCredentialVersions implements CredentialVersions {

    private final Map<UserId, Long> versions = new HashMap<>();

    @Override
    public synchronized OptionalLong current(UserId user) {
        return OptionalLong.of(versions.getOrDefault(user, 0L));
    }

    @Override
    public synchronized boolean bump(UserId user) {
        versions.merge(user, 1L, Long::sum);
        return true;
    }
}
