package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import dev.delegatedadmin.adapters.persistence.testsupport.MutableClock;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOCAL_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import dev.delegatedadmin.application.error.ConflictException;
import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.port.out.CredentialVerifier.Result;
import dev.delegatedadmin.application.port.out.UserPage;
import dev.delegatedadmin.application.port.out.UserSearch;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only the local directory does: passwords, log-in, its own limits, concurrency on PostgreSQL. */
public class LocalDirectoryTest {

    private static final Department FINANCE = new Department("Finance");
    private static final String PASSWORD = "correct horse battery";

    private static DSLContext db;
    private static LocalPasswords passwords;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00.123456789Z"));
    private LocalDirectory directory;

    @BeforeAll
    static void database() {
        db = Databases.migrated();
        passwords = new LocalPasswords();
    }

    @BeforeEach
    void empty() {
        db.deleteFrom(LOCAL_USER).execute();
        directory = new LocalDirectory(db, clock, passwords);
    }

    // ---------------------------------------------------------------- create

    @Test
    void ids_are_local_and_random() {
        User a = create("a@example.com", null);
        User b = create("b@example.com", null);

        assertThat(a.id().value()).matches("local\\|[0-9a-f]{24}");
        assertThat(b.id().value()).matches("local\\|[0-9a-f]{24}").isNotEqualTo(a.id().value());
    }

    @Test
    void only_the_one_database_connection_exists() {
        assertThat(directory.isDatabaseConnection(ConnectionName.DEFAULT_DATABASE)).isTrue();
        assertThat(directory.isDatabaseConnection(new ConnectionName("google-oauth2"))).isFalse();

        NewUser social = new NewUser(new Email("a@example.com"), Optional.empty(), new ConnectionName("google-oauth2"),
                Metadata.EMPTY, Metadata.EMPTY);
        assertThatThrownBy(() -> directory.create(social)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).containsExactly(new FieldError("connection", "The connection does not exist.")));
        assertThat(db.fetchCount(LOCAL_USER)).isZero();
    }

    @Test
    void passwords_have_at_least_eight_characters() {
        FieldError tooShort = new FieldError("password", "The password must have at least 8 characters.");
        assertThatThrownBy(() -> create("a@example.com", "1234567")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).containsExactly(tooShort));
        // Characters, not UTF-16 units: seven astral characters are seven.
        assertThatThrownBy(() -> create("a@example.com", "𝔸𝔸𝔸𝔸𝔸𝔸𝔸")).isInstanceOf(InvalidInputException.class);
        assertThat(db.fetchCount(LOCAL_USER)).isZero();

        User user = create("a@example.com", "12345678");
        String hash = storedHash(user);
        assertThatThrownBy(() -> directory.update(user.id(), password("short"))).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.errors()).containsExactly(tooShort));
        assertThat(storedHash(user)).isEqualTo(hash);
    }

    @Test
    void a_duplicate_email_is_refused_with_the_idp_message() {
        create("a@example.com", null);
        assertThatThrownBy(() -> create("A@EXAMPLE.COM", null))
                .isInstanceOf(ConflictException.class).hasMessage("The user already exists.");

        User b = create("b@example.com", null);
        assertThatThrownBy(() -> directory.update(b.id(), changes(new Email("a@example.com"))))
                .isInstanceOf(ConflictException.class).hasMessage("The email is already taken.");
        assertThatThrownBy(() -> directory.update(new UserId("local|nope"), UserChanges.NONE))
                .isInstanceOf(NotFoundException.class).hasMessage("User not found.");
    }

    @Test
    void timestamps_come_from_the_clock_to_the_microsecond() {
        Instant created = Instant.parse("2026-11-22T10:00:00.123456Z");
        User user = create("a@example.com", null);
        assertThat(user.createdAt()).isEqualTo(created);
        assertThat(user.updatedAt()).isEqualTo(created);

        clock.advance(Duration.ofMinutes(5));
        User updated = directory.update(user.id(), blocked(true));
        assertThat(updated.createdAt()).isEqualTo(created);
        assertThat(updated.updatedAt()).isEqualTo(created.plus(Duration.ofMinutes(5)));
        assertThat(directory.findById(user.id())).contains(updated);
    }

    @Test
    void metadata_round_trips_exactly_through_jsonb() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("nothing", null);
        nested.put("empty_object", Map.of());
        nested.put("empty_list", List.of());
        nested.put("list", Arrays.asList(1, null, "two", false, new BigDecimal("3.50")));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("huge", BigInteger.TWO.pow(70));
        values.put("long", Long.MAX_VALUE);
        values.put("tenth", new BigDecimal("0.1"));
        values.put("tiny", new BigDecimal("1E-12"));
        values.put("double", 2.5d);
        values.put("text", "quote \" backslash \\ tab \t emoji 🚀 accents é");
        values.put("nested", nested);
        values.put("deep", Map.of("a", Map.of("b", Map.of("c", List.of(Map.of("d", 1))))));
        Metadata metadata = new Metadata(values);

        User user = directory.create(new NewUser(new Email("a@example.com"), Optional.empty(),
                ConnectionName.DEFAULT_DATABASE, metadata, new Metadata(Map.of("department", "Finance"))));

        assertThat(user.userMetadata()).isEqualTo(metadata);
        assertThat(directory.findById(user.id()).orElseThrow().userMetadata()).isEqualTo(metadata);
        assertThat(db.fetchValue("select jsonb_typeof(user_metadata -> 'huge') from local_user")).isEqualTo("number");
        assertThat(db.fetchValue("select user_metadata ->> 'huge' from local_user")).isEqualTo("1180591620717411303424");
    }

    @Test
    void nul_characters_are_refused_as_invalid_input_not_as_a_database_failure() {
        // NUL in an email or in metadata is refused by the domain's value objects themselves (domain Text);
        // search text reaches the adapter.
        assertThatThrownBy(() -> new Metadata(Map.of("k", List.of("a\u0000"))))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("metadata"));
        User user = create("a@example.com", null);
        assertThatThrownBy(() -> directory.update(user.id(), appMetadata(Map.of("k\u0000", 1))))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("app_metadata"));
        assertThat(search(Scope.all(Set.of(FINANCE)), "a\u0000").users()).isEmpty();
    }

    @Test
    void a_merge_beyond_the_metadata_limit_is_invalid_input_and_changes_nothing() {
        Map<String, Object> hundred = new LinkedHashMap<>();
        IntStream.range(0, Metadata.MAX_KEYS).forEach(i -> hundred.put("k" + i, i));
        User user = directory.create(new NewUser(new Email("a@example.com"), Optional.empty(),
                ConnectionName.DEFAULT_DATABASE, new Metadata(hundred), Metadata.EMPTY));

        assertThatThrownBy(() -> directory.update(user.id(), new UserChanges(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(true), Map.of("one_more", 1), Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("user_metadata"));
        assertThat(directory.findById(user.id())).contains(user);
        // Replacing a key keeps the count: allowed.
        assertThat(directory.update(user.id(), new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of("k0", "zero"), Map.of())).userMetadata().get("k0")).contains("zero");
    }

    @Test
    void department_scoping_counts_only_a_string_department() {
        User numeric = directory.create(new NewUser(new Email("a@example.com"), Optional.empty(),
                ConnectionName.DEFAULT_DATABASE, Metadata.EMPTY, new Metadata(Map.of("department", 5))));

        assertThat(numeric.department()).isEmpty();
        assertThat(search(Scope.of(Set.of(new Department("5"))), null).users()).isEmpty();
        assertThat(search(Scope.all(Set.of(FINANCE)), null).users()).containsExactly(numeric);
    }

    // ---------------------------------------------------------------- search

    @Test
    void search_text_is_a_literal_substring_of_the_email() {
        List<String> emails = List.of("ada.lovelace@example.com", "a%b@example.com", "a_b@example.com", "axb@example.com",
                "a\\b@example.com", "a\\\\b@example.com");
        emails.forEach(email -> create(email, null, FINANCE));
        Scope scope = Scope.of(Set.of(FINANCE));

        assertThat(emailsFound(scope, "LOVELACE")).containsExactly("ada.lovelace@example.com");
        assertThat(emailsFound(scope, "%")).containsExactly("a%b@example.com");
        assertThat(emailsFound(scope, "a%b")).containsExactly("a%b@example.com");
        assertThat(emailsFound(scope, "_")).containsExactly("a_b@example.com");
        assertThat(emailsFound(scope, "a_b")).containsExactly("a_b@example.com");
        assertThat(emailsFound(scope, "\\")).containsExactlyInAnyOrder("a\\b@example.com", "a\\\\b@example.com");
        assertThat(emailsFound(scope, "a\\b")).containsExactly("a\\b@example.com");
        assertThat(emailsFound(scope, "\\\\")).containsExactly("a\\\\b@example.com");
        assertThat(emailsFound(scope, "%%")).isEmpty();
        assertThat(emailsFound(scope, "\\%")).isEmpty();
        assertThat(emailsFound(scope, "@EXAMPLE.com")).hasSize(emails.size());
    }

    @Test
    void search_pages_in_creation_order() {
        List<UserId> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create("user" + (4 - i) + "@example.com", null, FINANCE).id());
            clock.advance(Duration.ofSeconds(1));
        }
        Scope scope = Scope.of(Set.of(FINANCE));
        List<UserId> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            directory.search(new UserSearch(scope, Optional.empty(), Optional.empty(), page, 2, false)).users()
                    .forEach(user -> paged.add(user.id()));
        }
        assertThat(paged).containsExactlyElementsOf(created);
    }

    @Test
    void search_keeps_the_idp_result_window() {
        assertThatThrownBy(() -> directory.search(new UserSearch(Scope.all(Set.of(FINANCE)), Optional.empty(),
                Optional.empty(), 10, 100, false))).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("page"));
        assertThat(directory.search(new UserSearch(Scope.all(Set.of(FINANCE)), Optional.empty(), Optional.empty(),
                9, 100, true)).total()).hasValue(0);
    }

    // ---------------------------------------------------------------- passwords and log-in

    @Test
    void passwords_are_stored_as_argon2id_hashes_never_in_clear() {
        User user = create("a@example.com", PASSWORD);
        String firstHash = storedHash(user);
        assertThat(firstHash).startsWith("$argon2id$");
        assertThat((String) db.fetchValue("select string_agg(t::text, ' ') from local_user t")).doesNotContain(PASSWORD);

        String newPassword = "another long secret";
        directory.update(user.id(), password(newPassword));
        assertThat(storedHash(user)).startsWith("$argon2id$").isNotEqualTo(firstHash);
        assertThat((String) db.fetchValue("select string_agg(t::text, ' ') from local_user t"))
                .doesNotContain(newPassword).doesNotContain(PASSWORD);
        assertThat(directory.verify(user.email(), new Password(PASSWORD))).isInstanceOf(Result.WrongCredentials.class);
        assertThat(directory.verify(user.email(), new Password(newPassword))).isInstanceOf(Result.Authenticated.class);
    }

    @Test
    void the_right_password_logs_in_and_counts_the_login() {
        User user = create("a@example.com", PASSWORD);

        Result first = directory.verify(new Email("A@Example.com"), new Password(PASSWORD));
        assertThat(first).isInstanceOfSatisfying(Result.Authenticated.class, ok -> {
            assertThat(ok.user().id()).isEqualTo(user.id());
            assertThat(ok.user().loginsCount()).isEqualTo(1);
            assertThat(ok.user().lastLogin()).contains(clock.instant().truncatedTo(ChronoUnit.MICROS));
        });
        clock.advance(Duration.ofHours(1));
        Result second = directory.verify(user.email(), new Password(PASSWORD));
        assertThat(second).isInstanceOfSatisfying(Result.Authenticated.class, ok -> {
            assertThat(ok.user().loginsCount()).isEqualTo(2);
            assertThat(ok.user().lastLogin()).contains(clock.instant().truncatedTo(ChronoUnit.MICROS));
            assertThat(directory.findById(user.id())).contains(ok.user());
        });
    }

    @Test
    void wrong_password_unknown_email_and_no_password_are_one_answer() {
        User user = create("a@example.com", PASSWORD);
        User withoutPassword = create("b@example.com", null);

        assertThat(directory.verify(user.email(), new Password("wrong password"))).isEqualTo(new Result.WrongCredentials());
        assertThat(directory.verify(new Email("nobody@example.com"), new Password(PASSWORD))).isEqualTo(new Result.WrongCredentials());
        assertThat(directory.verify(withoutPassword.email(), new Password(PASSWORD))).isEqualTo(new Result.WrongCredentials());
        assertThat(directory.findById(user.id()).orElseThrow().loginsCount()).isZero();

        // Created without a password: exists, cannot log in until one is set.
        assertThat(storedHash(withoutPassword)).isNull();
        directory.update(withoutPassword.id(), password(PASSWORD));
        assertThat(directory.verify(withoutPassword.email(), new Password(PASSWORD))).isInstanceOf(Result.Authenticated.class);
    }

    @Test
    void a_blocked_user_is_told_only_after_the_right_password() {
        User user = create("a@example.com", PASSWORD);
        directory.update(user.id(), blocked(true));

        assertThat(directory.verify(user.email(), new Password("wrong password"))).isEqualTo(new Result.WrongCredentials());
        assertThat(directory.verify(user.email(), new Password(PASSWORD))).isInstanceOfSatisfying(Result.Blocked.class,
                blocked -> assertThat(blocked.user().blocked()).isTrue());
        assertThat(directory.findById(user.id()).orElseThrow().loginsCount()).isZero();
        assertThat(directory.findById(user.id()).orElseThrow().lastLogin()).isEmpty();
    }

    @Test
    void a_failed_log_in_costs_one_password_check_whoever_the_email_is() {
        create("a@example.com", PASSWORD);
        Email known = new Email("a@example.com");
        Email unknown = new Email("nobody@example.com");
        Password wrong = new Password("wrong password");
        directory.verify(known, wrong); // warm-up
        directory.verify(unknown, wrong);

        long knownNanos = medianNanos(() -> directory.verify(known, wrong));
        long unknownNanos = medianNanos(() -> directory.verify(unknown, wrong));

        // Without the dummy check an unknown email would answer in about a millisecond, a fortieth of a check.
        assertThat(unknownNanos).isGreaterThan(knownNanos / 3);
        assertThat(knownNanos).isGreaterThan(unknownNanos / 3);
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrent_creates_of_one_email_let_exactly_one_through() throws Exception {
        List<Callable<User>> creates = IntStream.range(0, 8)
                .<Callable<User>>mapToObj(i -> () -> create("same@example.com", null))
                .toList();

        List<Object> outcomes = runTogether(creates);

        assertThat(outcomes).filteredOn(User.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(7);
        assertThat(db.fetchCount(LOCAL_USER)).isEqualTo(1);
    }

    @Test
    void concurrent_updates_of_different_metadata_keys_all_survive() throws Exception {
        User user = directory.create(new NewUser(new Email("a@example.com"), Optional.empty(),
                ConnectionName.DEFAULT_DATABASE, new Metadata(Map.of("kept", true)), new Metadata(Map.of("department", "Finance"))));
        int writers = 8;
        int rounds = 5;
        List<Callable<User>> updates = IntStream.range(0, writers)
                .<Callable<User>>mapToObj(i -> () -> {
                    User last = null;
                    for (int round = 0; round < rounds; round++) {
                        last = directory.update(user.id(), new UserChanges(Optional.empty(), Optional.empty(),
                                Optional.empty(), Optional.empty(), Map.of("writer" + i, round), Map.of("app" + i, round)));
                    }
                    return last;
                })
                .toList();

        assertThat(runTogether(updates)).allMatch(User.class::isInstance);

        User result = directory.findById(user.id()).orElseThrow();
        Map<String, Object> expectedUser = new LinkedHashMap<>();
        Map<String, Object> expectedApp = new LinkedHashMap<>();
        expectedUser.put("kept", true);
        expectedApp.put("department", "Finance");
        for (int i = 0; i < writers; i++) {
            expectedUser.put("writer" + i, (long) rounds - 1);
            expectedApp.put("app" + i, (long) rounds - 1);
        }
        assertThat(result.userMetadata()).isEqualTo(new Metadata(expectedUser));
        assertThat(result.appMetadata()).isEqualTo(new Metadata(expectedApp));
    }

    // ---------------------------------------------------------------- failures

    @Test
    void a_database_failure_is_an_idp_failure_without_sql_in_its_message() {
        DataSource broken = TestDatabase.freshDatabase();
        ((HikariDataSource) broken).close();
        LocalDirectory down = new LocalDirectory(DSL.using(broken, SQLDialect.POSTGRES), clock, passwords);

        assertThatThrownBy(() -> down.findById(new UserId("local|x")))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The local user directory failed.");
                    assertThat(e.unavailable()).isTrue();
                });
        assertThatThrownBy(() -> down.create(new NewUser(new Email("a@example.com"), Optional.empty(),
                ConnectionName.DEFAULT_DATABASE, Metadata.EMPTY, Metadata.EMPTY))).isInstanceOf(IdentityProviderException.class);
        assertThatThrownBy(() -> down.update(new UserId("local|x"), blocked(true))).isInstanceOf(IdentityProviderException.class);
        assertThatThrownBy(() -> down.delete(new UserId("local|x"))).isInstanceOf(IdentityProviderException.class);
    }

    @Test
    void the_callers_jooq_settings_are_left_alone() {
        assertThat(db.settings().isExecuteLogging()).isTrue();
    }

    @Test
    void credential_changes_and_only_they_bump_the_credential_version() {
        User user = create("cv@example.com", PASSWORD, FINANCE);
        assertThat(directory.current(user.id())).hasValue(0);
        directory.update(user.id(), new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of("nickname", "cv"), Map.of("note", "x")));
        assertThat(directory.current(user.id())).as("metadata only").hasValue(0);
        directory.update(user.id(), new UserChanges(Optional.empty(), Optional.empty(),
                Optional.of(new Password("another horse battery")), Optional.empty(), Map.of(), Map.of()));
        assertThat(directory.current(user.id())).as("password").hasValue(1);
        directory.update(user.id(), new UserChanges(Optional.of(new Email("cv2@example.com")), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Map.of()));
        assertThat(directory.current(user.id())).as("email").hasValue(2);
        directory.update(user.id(), new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), Map.of("roles", List.of("user-admin"))));
        assertThat(directory.current(user.id())).as("roles").hasValue(3);
        directory.update(user.id(), new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(true), Map.of(), Map.of("roles", List.of("user-admin"))));
        assertThat(directory.current(user.id())).as("block, same roles").hasValue(4);
        assertThat(directory.bump(user.id())).isTrue();
        assertThat(directory.current(user.id())).as("logout").hasValue(5);
        directory.delete(user.id());
        assertThat(directory.current(user.id())).isEmpty();
        assertThat(directory.bump(user.id())).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    private User create(String email, String password) {
        return create(email, password, FINANCE);
    }

    private User create(String email, String password, Department department) {
        return directory.create(new NewUser(new Email(email), Optional.ofNullable(password).map(Password::new),
                ConnectionName.DEFAULT_DATABASE, Metadata.EMPTY, new Metadata(Map.of("department", department.name()))));
    }

    private static String storedHash(User user) {
        return db.fetchValue(LOCAL_USER.PASSWORD_HASH, LOCAL_USER.USER_ID.eq(user.id().value()));
    }

    private UserPage search(Scope scope, String text) {
        return directory.search(new UserSearch(scope, Optional.ofNullable(text), Optional.empty(), 0, 100, true));
    }

    private List<String> emailsFound(Scope scope, String text) {
        return search(scope, text).users().stream().map(user -> user.email().value()).toList();
    }

    private static UserChanges password(String value) {
        return new UserChanges(Optional.empty(), Optional.empty(), Optional.of(new Password(value)), Optional.empty(),
                Map.of(), Map.of());
    }

    private static UserChanges blocked(boolean value) {
        return new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(value), Map.of(), Map.of());
    }

    private static UserChanges changes(Email email) {
        return new UserChanges(Optional.of(email), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Map.of());
    }

    private static UserChanges appMetadata(Map<String, Object> values) {
        return new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), values);
    }

    private static long medianNanos(Runnable action) {
        long[] samples = new long[5];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            action.run();
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    /** Starts every task at the same moment; each result is the returned value or the thrown exception. */
    private static <T> List<Object> runTogether(List<Callable<T>> tasks) throws Exception {
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            ready.await();
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
