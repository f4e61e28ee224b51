package dev.delegatedadmin.adapters.web;

import dev.delegatedadmin.application.testsupport.InMemoryIdentityProvider;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The in-memory IdP, which a test can make fail once, to see how failures are answered. */
class FlakyIdentityProvider extends InMemoryIdentityProvider {

    private final AtomicReference<RuntimeException> nextWriteFailure = new AtomicReference<>();
    private final AtomicReference<RuntimeException> nextLookupFailure = new AtomicReference<>();

    FlakyIdentityProvider(Clock clock) {
        super(clock);
    }

    void failNextWrite(RuntimeException failure) {
        nextWriteFailure.set(failure);
    }

    void failNextLookup(RuntimeException failure) {
        nextLookupFailure.set(failure);
    }

    @Override
    public User create(NewUser user) {
        throwIfArmed(nextWriteFailure);
        return super.create(user);
    }

    @Override
    public User update(UserId id, UserChanges changes) {
        throwIfArmed(nextWriteFailure);
        return super.update(id, changes);
    }

    @Override
    public void delete(UserId id) {
        throwIfArmed(nextWriteFailure);
        super.delete(id);
    }

    @Override
    public Optional<User> findById(UserId id) {
        throwIfArmed(nextLookupFailure);
        return super.findById(id);
    }

    private static void throwIfArmed(AtomicReference<RuntimeException> armed) {
        RuntimeException failure = armed.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }
}
