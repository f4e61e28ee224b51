package dev.delegatedadmin.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.ConflictException;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.application.port.out.SearchUsers;
import dev.delegatedadmin.application.port.out.WriteUsers;
import dev.delegatedadmin.application.port.out.UserPage;
import dev.delegatedadmin.application.port.out.UserSearch;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every user directory {@code D} must do as {@link LoadUsers}, {@link SearchUsers} and {@link WriteUsers} (local,
 * Auth0 behind WireMock, in-memory). A subclass supplies a fresh, empty IdP per test; IdP-specific rules (e.g. the
 * local password policy) belong in the adapter's own tests.
 *
 * <p>The scope is the security boundary of every search: whatever the text or the department filter, a user
 * outside the scope never comes back.
 */
public abstract class IdentityProviderContract<D extends LoadUsers & SearchUsers & WriteUsers> {

    protected static final Department FINANCE = new Department("Finance");
    protected static final Department HR = new Department("HR");
    protected static final Department IT = new Department("IT");
    protected static final Set<Department> KNOWN = Set.of(FINANCE, HR, IT);
    /** Long and mixed enough for any IdP's password policy. */
    protected static final String PASSWORD = "Contract-Pa55word!";

    private D idp;

    /** A new IdP without any user; called before each test. */
    protected abstract D newIdentityProvider();

    /**
     * Creates a user a test needs as a precondition. By default through {@link WriteUsers#create}; an adapter
     * may seed faster (e.g. without hashing the password), as long as the user is then indistinguishable.
     */
    protected User seed(NewUser user) {
        return idp.create(user);
    }

    /** A database connection of the IdP under test, where users can be created. */
    protected ConnectionName databaseConnection() {
        return ConnectionName.DEFAULT_DATABASE;
    }

    /** A connection the IdP does not have (or that is not a database connection). */
    protected ConnectionName unknownConnection() {
        return new ConnectionName("No-Such-Connection");
    }

    /** A well-formed id that no user has. */
    protected UserId unknownUserId() {
        return new UserId("nobody|0123456789abcdef01234567");
    }

    protected final D idp() {
        return idp;
    }

    @BeforeEach
    final void freshIdentityProvider() {
        idp = newIdentityProvider();
    }

    // ---------------------------------------------------------------- create and find

    @Test
    protected void create_then_find_by_id_round_trips_without_any_password() {
        Map<String, Object> prefs = new LinkedHashMap<>();
        prefs.put("theme", "dark");
        prefs.put("sizes", List.of(1, new BigDecimal("2.5"), "x", true));
        Map<String, Object> userMetadata = map("nickname", "Zoë ✓", "prefs", prefs, "score", 42L, "ratio", 0.125);
        Map<String, Object> appMetadata = map("department", "Finance", "roles", List.of("auditor"),
                "flags", map("beta", true));

        User created = idp.create(new NewUser(new Email("  Ada.Lovelace@Example.COM "),
                Optional.of(new Password(PASSWORD)), databaseConnection(), new Metadata(userMetadata),
                new Metadata(appMetadata)));

        assertThat(created.id().value()).isNotBlank();
        assertThat(created.email().value()).isEqualTo("ada.lovelace@example.com");
        assertThat(created.connection()).isEqualTo(databaseConnection());
        assertThat(created.emailVerified()).isFalse();
        assertThat(created.blocked()).isFalse();
        assertThat(created.userMetadata()).isEqualTo(new Metadata(userMetadata));
        assertThat(created.appMetadata()).isEqualTo(new Metadata(appMetadata));
        assertThat(created.department()).contains(FINANCE);
        assertThat(created.loginsCount()).isZero();
        assertThat(created.lastLogin()).isEmpty();
        assertThat(created.updatedAt()).isAfterOrEqualTo(created.createdAt());

        Optional<User> found = idp.findById(created.id());
        assertThat(found).contains(created);
        assertThat(found.orElseThrow().toString()).doesNotContain(PASSWORD);
        assertThat(User.class.getRecordComponents()).extracting(RecordComponent::getName)
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("password")
                        || name.toLowerCase(Locale.ROOT).contains("hash"));
    }

    @Test
    protected void an_unknown_id_is_not_found() {
        assertThat(idp.findById(unknownUserId())).isEmpty();
    }

    @Test
    protected void an_email_is_taken_whatever_its_case() {
        seedIn("kim@example.com", FINANCE);

        assertThatThrownBy(() -> idp.create(newUser("KIM@Example.com", HR)))
                .isInstanceOf(ConflictException.class);
        assertThat(search(Scope.all(KNOWN), null, null, 0, 10, true).total()).hasValue(1);
    }

    @Test
    protected void users_are_created_only_in_a_database_connection() {
        assertThat(idp.isDatabaseConnection(databaseConnection())).isTrue();
        assertThat(idp.isDatabaseConnection(unknownConnection())).isFalse();

        NewUser elsewhere = new NewUser(new Email("kim@example.com"), Optional.of(new Password(PASSWORD)),
                unknownConnection(), Metadata.EMPTY, departmentOf(FINANCE));
        assertThatThrownBy(() -> idp.create(elsewhere)).isInstanceOf(InvalidInputException.class);
        assertThat(search(Scope.all(KNOWN), null, null, 0, 10, true).total()).hasValue(0);
    }

    // ---------------------------------------------------------------- search: scope

    @Test
    protected void search_returns_only_users_of_the_scope() {
        User fiona = seedIn("fiona@example.com", FINANCE);
        User frank = seedIn("frank@example.com", FINANCE);
        User hannah = seedIn("hannah@example.com", HR);
        User ivan = seedIn("ivan@example.com", IT);
        User nora = seed(new NewUser(new Email("nora@example.com"), Optional.of(new Password(PASSWORD)),
                databaseConnection(), Metadata.EMPTY, Metadata.EMPTY));

        Scope finance = Scope.of(Set.of(FINANCE));
        assertThat(ids(search(finance, null, null, 0, 50, true))).containsExactlyInAnyOrder(fiona.id(), frank.id());
        assertThat(search(finance, null, null, 0, 50, true).total()).hasValue(2);
        // Neither a matching text nor a department filter reaches outside the scope.
        assertThat(search(finance, "hannah", null, 0, 50, true).users()).isEmpty();
        assertThat(search(finance, "hannah", null, 0, 50, true).total()).hasValue(0);
        assertThat(search(finance, null, HR, 0, 50, true).users()).isEmpty();
        assertThat(search(finance, "hannah", HR, 0, 50, true).users()).isEmpty();

        Scope financeAndHr = Scope.of(Set.of(FINANCE, HR));
        assertThat(ids(search(financeAndHr, null, null, 0, 50, false)))
                .containsExactlyInAnyOrder(fiona.id(), frank.id(), hannah.id());
        assertThat(ids(search(financeAndHr, null, HR, 0, 50, false))).containsExactly(hannah.id());
        assertThat(ids(search(financeAndHr, "ivan", null, 0, 50, false))).isEmpty();

        // All departments includes users without one.
        assertThat(ids(search(Scope.all(KNOWN), null, null, 0, 50, true)))
                .containsExactlyInAnyOrder(fiona.id(), frank.id(), hannah.id(), ivan.id(), nora.id());
        assertThat(ids(search(Scope.all(KNOWN), null, IT, 0, 50, true))).containsExactly(ivan.id());
        assertThat(ids(search(Scope.all(KNOWN), "nora", null, 0, 50, true))).containsExactly(nora.id());
    }

    @Test
    protected void an_empty_scope_finds_nothing() {
        seedIn("fiona@example.com", FINANCE);
        seed(new NewUser(new Email("nora@example.com"), Optional.of(new Password(PASSWORD)),
                databaseConnection(), Metadata.EMPTY, Metadata.EMPTY));

        UserPage page = search(Scope.none(), null, null, 0, 50, true);
        assertThat(page.users()).isEmpty();
        assertThat(page.total()).hasValue(0);
        assertThat(search(Scope.none(), "fiona", null, 0, 50, true).users()).isEmpty();
        assertThat(search(Scope.none(), null, FINANCE, 0, 50, true).users()).isEmpty();
    }

    // ---------------------------------------------------------------- search: paging

    @Test
    protected void pages_cover_the_scope_once_with_totals_only_when_asked() {
        List<UserId> finance = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            finance.add(seedIn("finance" + i + "@example.com", FINANCE).id());
        }
        seedIn("hr1@example.com", HR);
        seedIn("hr2@example.com", HR);
        Scope scope = Scope.of(Set.of(FINANCE));

        List<UserId> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            UserPage result = search(scope, null, null, page, 2, true);
            assertThat(result.page()).isEqualTo(page);
            assertThat(result.perPage()).isEqualTo(2);
            assertThat(result.total()).hasValue(5);
            assertThat(result.users()).hasSize(page < 2 ? 2 : 1);
            seen.addAll(ids(result));
        }
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(finance);

        UserPage beyond = search(scope, null, null, 3, 2, true);
        assertThat(beyond.users()).isEmpty();
        assertThat(beyond.total()).hasValue(5);

        UserPage withoutTotal = search(scope, null, null, 0, 2, false);
        assertThat(withoutTotal.total()).isEmpty();
        assertThat(ids(withoutTotal)).isEqualTo(ids(search(scope, null, null, 0, 2, true)));
    }

    // ---------------------------------------------------------------- search: text

    @Test
    protected void search_text_matches_the_email_case_insensitively() {
        User ada = seedIn("ada.lovelace@example.com", FINANCE);
        User grace = seedIn("grace.hopper@example.com", FINANCE);
        Scope scope = Scope.of(Set.of(FINANCE));

        assertThat(ids(search(scope, "ADA.Love", null, 0, 50, true))).containsExactly(ada.id());
        assertThat(ids(search(scope, "grace", null, 0, 50, true))).containsExactly(grace.id());
        assertThat(search(scope, "nobody", null, 0, 50, true).users()).isEmpty();
        assertThat(search(scope, "nobody", null, 0, 50, true).total()).hasValue(0);
    }

    @Test
    protected void search_text_is_literal_and_never_widens_the_scope() {
        Map<String, User> finance = new LinkedHashMap<>();
        for (String email : List.of("under_score@example.com", "underxscore@example.com", "per%cent@example.com",
                "perry@example.com", "star*@example.com", "starling@example.com", "quo\"te@example.com",
                "back\\slash@example.com", "backslash@example.com")) {
            finance.put(email, seedIn(email, FINANCE));
        }
        // Same prefixes in another department: a text that escaped its quoting would find them.
        for (String email : List.of("under_hr@example.com", "per%hr@example.com", "star*hr@example.com",
                "quo\"hr@example.com", "back\\hr@example.com", "x@hr.example.com")) {
            seedIn(email, HR);
        }
        Scope scope = Scope.of(Set.of(FINANCE));

        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("under_", List.of("under_score@example.com"));
        expected.put("per%", List.of("per%cent@example.com"));
        expected.put("star*", List.of("star*@example.com"));
        expected.put("quo\"", List.of("quo\"te@example.com"));
        expected.put("back\\", List.of("back\\slash@example.com"));
        expected.put("x\" OR app_metadata.department:\"HR", List.of());
        expected.put("\" OR \"\"=\"", List.of());
        expected.put("') OR 1=1 --", List.of());
        expected.put("*:*", List.of());
        expected.forEach((text, emails) -> {
            UserPage page = search(scope, text, null, 0, 50, true);
            assertThat(page.users()).as("search %s", text).extracting(u -> u.email().value())
                    .containsExactlyInAnyOrderElementsOf(emails);
            assertThat(page.total()).as("total of search %s", text).hasValue(emails.size());
        });

        // Lone special characters: whatever matches is in scope and contains the text literally.
        for (String text : List.of("%", "_", "\"", "*", "\\", "?", "(", ")", ":", "'", "x\" OR app_metadata.department:\"HR")) {
            for (Scope anyScope : List.of(scope, Scope.of(Set.of(IT)), Scope.none())) {
                UserPage page = search(anyScope, text, null, 0, 50, true);
                assertThat(page.users()).as("search %s in %s", text, anyScope)
                        .allSatisfy(user -> {
                            assertThat(anyScope.includes(user)).isTrue();
                            assertThat(user.email().value()).contains(text.toLowerCase(Locale.ROOT));
                        });
                assertThat(page.total()).hasValue(page.users().size());
            }
            assertThat(search(Scope.all(KNOWN), text, FINANCE, 0, 50, true).users()).as("search %s in Finance", text)
                    .allSatisfy(user -> assertThat(user.department()).contains(FINANCE));
        }
        assertThat(search(Scope.all(KNOWN), "x\" OR app_metadata.department:\"HR", FINANCE, 0, 50, true).users()).isEmpty();
    }

    // ---------------------------------------------------------------- update

    @Test
    protected void update_email_only() {
        User kim = seed(new NewUser(new Email("kim@example.com"), Optional.of(new Password(PASSWORD)),
                databaseConnection(), new Metadata(map("team", "AP")), departmentOf(FINANCE)));

        User updated = idp.update(kim.id(), changes().email(new Email("Kim.New@Example.com")).build());

        assertThat(updated.email().value()).isEqualTo("kim.new@example.com");
        assertThat(updated.id()).isEqualTo(kim.id());
        assertThat(updated.userMetadata()).isEqualTo(kim.userMetadata());
        assertThat(updated.appMetadata()).isEqualTo(kim.appMetadata());
        assertThat(updated.blocked()).isEqualTo(kim.blocked());
        assertThat(updated.createdAt()).isEqualTo(kim.createdAt());
        assertThat(updated.updatedAt()).isAfterOrEqualTo(kim.updatedAt());
        assertThat(idp.findById(kim.id())).contains(updated);
        // The old address is free again.
        seedIn("kim@example.com", FINANCE);
    }

    @Test
    protected void update_email_verified_only() {
        User kim = seedIn("kim@example.com", FINANCE);

        User updated = idp.update(kim.id(), changes().emailVerified(true).build());

        assertThat(updated.emailVerified()).isTrue();
        assertThat(updated.email()).isEqualTo(kim.email());
        assertThat(idp.findById(kim.id())).contains(updated);
    }

    @Test
    protected void update_password_only_shows_nothing_of_it() {
        User kim = seedIn("kim@example.com", FINANCE);
        String newPassword = "An0ther-Pa55word!";

        User updated = idp.update(kim.id(), changes().password(new Password(newPassword)).build());

        assertThat(updated.id()).isEqualTo(kim.id());
        assertThat(updated.email()).isEqualTo(kim.email());
        assertThat(updated.appMetadata()).isEqualTo(kim.appMetadata());
        assertThat(updated.toString()).doesNotContain(newPassword);
        assertThat(idp.findById(kim.id())).contains(updated);
    }

    @Test
    protected void update_blocked_only() {
        User kim = seedIn("kim@example.com", FINANCE);

        User blocked = idp.update(kim.id(), changes().blocked(true).build());
        assertThat(blocked.blocked()).isTrue();
        assertThat(blocked.appMetadata()).isEqualTo(kim.appMetadata());
        assertThat(idp.findById(kim.id()).orElseThrow().blocked()).isTrue();

        User unblocked = idp.update(kim.id(), changes().blocked(false).build());
        assertThat(unblocked.blocked()).isFalse();
    }

    @Test
    protected void user_metadata_merges_at_the_first_level_and_null_removes_a_key() {
        User kim = seed(new NewUser(new Email("kim@example.com"), Optional.of(new Password(PASSWORD)),
                databaseConnection(), new Metadata(map("a", 1L, "b", 2L, "prefs", map("x", 1L, "y", 2L))),
                departmentOf(FINANCE)));

        User merged = idp.update(kim.id(), changes().userMetadata(map("b", 3L, "c", "new", "prefs", map("x", 9L))).build());
        assertThat(merged.userMetadata()).isEqualTo(new Metadata(map("a", 1L, "b", 3L, "c", "new", "prefs", map("x", 9L))));
        assertThat(merged.appMetadata()).isEqualTo(kim.appMetadata());

        User removed = idp.update(kim.id(), changes().userMetadata(map("a", null, "absent", null)).build());
        assertThat(removed.userMetadata()).isEqualTo(new Metadata(map("b", 3L, "c", "new", "prefs", map("x", 9L))));
        assertThat(removed.userMetadata().contains("a")).isFalse();
        assertThat(idp.findById(kim.id())).contains(removed);
    }

    @Test
    protected void app_metadata_merges_at_the_first_level_and_moves_the_user_between_scopes() {
        User kim = seed(new NewUser(new Email("kim@example.com"), Optional.of(new Password(PASSWORD)),
                databaseConnection(), new Metadata(map("team", "AP")),
                new Metadata(map("department", "Finance", "roles", List.of("auditor"), "cost_center", "F-1"))));

        User moved = idp.update(kim.id(), changes().appMetadata(map("department", "HR", "cost_center", null)).build());

        assertThat(moved.appMetadata()).isEqualTo(new Metadata(map("department", "HR", "roles", List.of("auditor"))));
        assertThat(moved.userMetadata()).isEqualTo(kim.userMetadata());
        assertThat(moved.department()).contains(HR);
        assertThat(search(Scope.of(Set.of(FINANCE)), null, null, 0, 50, true).users()).isEmpty();
        assertThat(ids(search(Scope.of(Set.of(HR)), null, null, 0, 50, true))).containsExactly(kim.id());

        User noDepartment = idp.update(kim.id(), changes().appMetadata(map("department", null)).build());
        assertThat(noDepartment.department()).isEmpty();
        assertThat(search(Scope.of(Set.of(HR)), null, null, 0, 50, true).users()).isEmpty();
        assertThat(ids(search(Scope.all(KNOWN), null, null, 0, 50, true))).containsExactly(kim.id());
    }

    @Test
    protected void changing_the_email_to_a_taken_one_is_a_conflict() {
        User ada = seedIn("ada@example.com", FINANCE);
        User kim = seedIn("kim@example.com", FINANCE);

        assertThatThrownBy(() -> idp.update(kim.id(), changes().email(new Email("ADA@example.com")).build()))
                .isInstanceOf(ConflictException.class);
        assertThat(idp.findById(kim.id())).contains(kim);
        assertThat(idp.findById(ada.id())).contains(ada);
    }

    @Test
    protected void updating_an_unknown_user_is_not_found() {
        assertThatThrownBy(() -> idp.update(unknownUserId(), changes().blocked(true).build()))
                .isInstanceOf(NotFoundException.class);
    }

    // ---------------------------------------------------------------- delete

    @Test
    protected void delete_removes_the_user_and_frees_the_email() {
        User kim = seedIn("kim@example.com", FINANCE);
        User other = seedIn("other@example.com", FINANCE);

        idp.delete(kim.id());

        assertThat(idp.findById(kim.id())).isEmpty();
        assertThat(idp.findById(other.id())).contains(other);
        assertThat(ids(search(Scope.all(KNOWN), null, null, 0, 50, true))).containsExactly(other.id());
        assertThatThrownBy(() -> idp.delete(kim.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> idp.update(kim.id(), changes().blocked(true).build())).isInstanceOf(NotFoundException.class);
        assertThat(seedIn("kim@example.com", HR).id()).isNotEqualTo(kim.id());
    }

    @Test
    protected void deleting_an_unknown_user_is_not_found() {
        assertThatThrownBy(() -> idp.delete(unknownUserId())).isInstanceOf(NotFoundException.class);
    }

    // ---------------------------------------------------------------- helpers

    protected User seedIn(String email, Department department) {
        return seed(newUser(email, department));
    }

    protected NewUser newUser(String email, Department department) {
        return new NewUser(new Email(email), Optional.of(new Password(PASSWORD)), databaseConnection(),
                Metadata.EMPTY, departmentOf(department));
    }

    protected static Metadata departmentOf(Department department) {
        return new Metadata(Map.of(User.DEPARTMENT_KEY, department.name()));
    }

    protected final UserPage search(Scope scope, String text, Department department, int page, int perPage,
                                    boolean includeTotals) {
        UserPage result = idp.search(new UserSearch(scope, Optional.ofNullable(text), Optional.ofNullable(department),
                page, perPage, includeTotals));
        // Whatever an IdP returns must be in the scope: the one property no search may ever break.
        assertThat(result.users()).allSatisfy(user -> assertThat(scope.includes(user))
                .as("%s is in scope %s", user.email(), scope).isTrue());
        if (!includeTotals) {
            assertThat(result.total()).isEqualTo(OptionalLong.empty());
        }
        return result;
    }

    protected static List<UserId> ids(UserPage page) {
        return page.users().stream().map(User::id).toList();
    }

    /** An ordered map that, unlike {@code Map.of}, takes null values (a null removes a metadata key). */
    protected static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    protected static Changes changes() {
        return new Changes();
    }

    /** Builds a {@link UserChanges} with only the given fields. */
    protected static final class Changes {
        private Optional<Email> email = Optional.empty();
        private Optional<Boolean> emailVerified = Optional.empty();
        private Optional<Password> password = Optional.empty();
        private Optional<Boolean> blocked = Optional.empty();
        private Map<String, Object> userMetadata = Map.of();
        private Map<String, Object> appMetadata = Map.of();

        public Changes email(Email value) {
            email = Optional.of(value);
            return this;
        }

        public Changes emailVerified(boolean value) {
            emailVerified = Optional.of(value);
            return this;
        }

        public Changes password(Password value) {
            password = Optional.of(value);
            return this;
        }

        public Changes blocked(boolean value) {
            blocked = Optional.of(value);
            return this;
        }

        public Changes userMetadata(Map<String, Object> value) {
            userMetadata = value;
            return this;
        }

        public Changes appMetadata(Map<String, Object> value) {
            appMetadata = value;
            return this;
        }

        public UserChanges build() {
            return new UserChanges(email, emailVerified, password, blocked, userMetadata, appMetadata);
        }
    }
}
