package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.application.port.out.IdentityProvider;
import dev.delegatedadmin.application.port.out.UserPage;
import dev.delegatedadmin.application.port.out.UserSearch;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Optional;

/** An IdP view that passes every call on; subclasses change the few they are about. */
abstract class ForwardingIdentityProvider implements IdentityProvider {

    protected final IdentityProvider delegate;

    ForwardingIdentityProvider(IdentityProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return delegate.findById(id);
    }

    @Override
    public User create(NewUser user) {
        return delegate.create(user);
    }

    @Override
    public UserPage search(UserSearch search) {
        return delegate.search(search);
    }

    @Override
    public User update(UserId id, UserChanges changes) {
        return delegate.update(id, changes);
    }

    @Override
    public void delete(UserId id) {
        delegate.delete(id);
    }

    @Override
    public boolean isDatabaseConnection(ConnectionName connection) {
        return delegate.isDatabaseConnection(connection);
    }
}
