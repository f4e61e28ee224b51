package dev.delegatedadmin.application.testsupport;

import dev.delegatedadmin.application.error.ConflictException;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.port.out.CredentialVerifier;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.application.port.out.SearchUsers;
import dev.delegatedadmin.application.port.out.WriteUsers;
import dev.delegatedadmin.application.port.out.UserPage;
import dev.delegatedadmin.application.port.out.UserSearch;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double of the IdP that also records every write call, so tests can assert what was sent
 * (e.g. that a no-op update sends nothing, or that the password travels alone, last).
 */
public class InMemoryIdentityProvider implements LoadUsers, SearchUsers, WriteUsers, CredentialVerifier {

    /** One call that reached the IdP. */
    public sealed interface Call {
        record Create(NewUser user) implements Call {
        }

        record Update(UserId id, UserChanges changes) implements Call {
        }

        record Delete(UserId id) implements Call {
        }
    }

    private final Map<UserId, User> users = new LinkedHashMap<>();
    private final Map<UserId, String> passwords = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;

    public InMemoryIdentityProvider(Clock clock) {
        this.clock = clock;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    @Override
    public synchronized User create(NewUser user) {
        calls.add(new Call.Create(user));
        if (!isDatabaseConnection(user.connection())) {
            // Like Auth0 and the local directory: users are created only in a database connection.
            throw InvalidInputException.of("connection", "The connection does not exist.");
        }
        boolean taken = users.values().stream()
                .anyMatch(u -> u.email().equals(user.email()) && u.connection().equals(user.connection()));
        if (taken) {
            throw new ConflictException("The user already exists.");
        }
        UserId id = new UserId("test|" + sequence.incrementAndGet());
        User created = new User(id, user.email(), user.connection(), false, false, user.userMetadata(),
                user.appMetadata(), clock.instant(), clock.instant(), 0, Optional.empty());
        users.put(id, created);
        user.password().ifPresent(p -> passwords.put(id, p.reveal()));
        return created;
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public synchronized UserPage search(UserSearch search) {
        List<User> matching = users.values().stream()
                .filter(search.scope()::includes)
                .filter(u -> search.department().map(d -> u.department().equals(Optional.of(d))).orElse(true))
                .filter(u -> search.text().map(t -> u.email().value().contains(t.toLowerCase(Locale.ROOT))).orElse(true))
                .sorted(Comparator.comparing(User::createdAt).thenComparing(u -> u.id().value()))
                .toList();
        int from = Math.min(search.page() * search.perPage(), matching.size());
        int to = Math.min(from + search.perPage(), matching.size());
        return new UserPage(matching.subList(from, to), search.page(), search.perPage(),
                search.includeTotals() ? OptionalLong.of(matching.size()) : OptionalLong.empty());
    }

    @Override
    public synchronized User update(UserId id, UserChanges changes) {
        calls.add(new Call.Update(id, changes));
        User user = users.get(id);
        if (user == null) {
            throw new NotFoundException("User not found.");
        }
        if (changes.email().isPresent()) {
            Email email = changes.email().get();
            boolean taken = users.values().stream()
                    .anyMatch(u -> !u.id().equals(id) && u.email().equals(email) && u.connection().equals(user.connection()));
            if (taken) {
                throw new ConflictException("The email is already taken.");
            }
        }
        changes.password().ifPresent(p -> passwords.put(id, p.reveal()));
        User updated = new User(id,
                changes.email().orElse(user.email()),
                user.connection(),
                changes.emailVerified().orElse(user.emailVerified()),
                changes.blocked().orElse(user.blocked()),
                user.userMetadata().merge(MetadataPatch.of(changes.userMetadata())),
                user.appMetadata().merge(MetadataPatch.of(changes.appMetadata())),
                user.createdAt(), clock.instant(), user.loginsCount(), user.lastLogin());
        users.put(id, updated);
        return updated;
    }

    @Override
    public synchronized void delete(UserId id) {
        calls.add(new Call.Delete(id));
        if (users.remove(id) == null) {
            throw new NotFoundException("User not found.");
        }
        passwords.remove(id);
    }

    @Override
    public boolean isDatabaseConnection(ConnectionName connection) {
        return connection.equals(ConnectionName.DEFAULT_DATABASE);
    }

    @Override
    public synchronized Result verify(Email email, Password password) {
        Optional<User> user = users.values().stream().filter(u -> u.email().equals(email)).findFirst();
        if (user.isEmpty() || !password.reveal().equals(passwords.get(user.get().id()))) {
            return new Result.WrongCredentials();
        }
        if (user.get().blocked()) {
            return new Result.Blocked(user.get());
        }
        User counted = new User(user.get().id(), user.get().email(), user.get().connection(), user.get().emailVerified(),
                false, user.get().userMetadata(), user.get().appMetadata(), user.get().createdAt(), user.get().updatedAt(),
                user.get().loginsCount() + 1, Optional.of(clock.instant()));
        users.put(counted.id(), counted);
        return new Result.Authenticated(counted);
    }

    /** Seeds a user directly, bypassing policy and call recording. */
    public synchronized User seed(String email, String department, List<String> roles, String password) {
        Map<String, Object> app = new LinkedHashMap<>();
        if (department != null) {
            app.put(User.DEPARTMENT_KEY, department);
        }
        if (!roles.isEmpty()) {
            app.put(User.ROLES_KEY, roles);
        }
        User user = create(new NewUser(new Email(email), Optional.ofNullable(password).map(Password::new),
                ConnectionName.DEFAULT_DATABASE, Metadata.EMPTY, new Metadata(app)));
        calls.removeLast();
        return user;
    }
}
