package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOCAL_USER;

import dev.delegatedadmin.application.contract.IdentityProviderContract;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.user.User;
import java.time.Clock;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;

/** The shared IdP contract against the local directory on a real, migrated PostgreSQL. */
public class LocalDirectoryContractTest extends IdentityProviderContract<LocalDirectory> {

    private static DSLContext db;
    private static LocalPasswords passwords;

    @BeforeAll
    static void database() {
        db = Databases.migrated();
        passwords = new LocalPasswords();
    }

    @Override
    protected LocalDirectory newIdentityProvider() {
        db.deleteFrom(LOCAL_USER).execute();
        return new LocalDirectory(db, Clock.systemUTC(), passwords);
    }

    /** Preconditions skip Argon2 (~50 ms a hash): a user without a password is otherwise the same. */
    @Override
    protected User seed(NewUser user) {
        return idp().create(new NewUser(user.email(), Optional.empty(), user.connection(), user.userMetadata(),
                user.appMetadata()));
    }
}
