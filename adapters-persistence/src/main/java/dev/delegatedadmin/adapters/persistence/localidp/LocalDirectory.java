package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.adapters.persistence.support.JsonCodec;
import dev.delegatedadmin.adapters.persistence.support.RenderedSql;
import dev.delegatedadmin.adapters.persistence.support.SqlErrors;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOCAL_USER;

import dev.delegatedadmin.adapters.persistence.jooq.tables.records.LocalUserRecord;
import dev.delegatedadmin.application.error.ApplicationException;
import dev.delegatedadmin.application.error.ConflictException;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.port.out.CredentialVerifier;
import dev.delegatedadmin.application.port.out.CredentialVersions;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.application.port.out.SearchUsers;
import dev.delegatedadmin.application.port.out.WriteUsers;
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
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;

/**
 * The local identity provider: users in PostgreSQL, one database connection ({@code Username-Password-Authentication}),
 * Argon2id password hashes. Every query carries the caller's scope in its WHERE clause.
 */
public final class LocalDirectory implements LoadUsers, SearchUsers, WriteUsers, CredentialVerifier, CredentialVersions {

    static final ConnectionName CONNECTION = ConnectionName.DEFAULT_DATABASE;
    static final String ID_PREFIX = "local|";

    static final String USER_EXISTS = "The user already exists.";
    static final String EMAIL_TAKEN = "The email is already taken.";
    static final String NOT_FOUND = "User not found.";
    static final String UNKNOWN_CONNECTION = "The connection does not exist.";

    private static final String EMAIL_UNIQUE = "local_user_connection_email_uq";
    private static final String PRIMARY_KEY = "local_user_pk";
    private static final int ID_BYTES = 12;
    private static final char LIKE_ESCAPE = '\\';

    private final DSLContext dsl;
    private final Clock clock;
    private final LocalPasswords passwords;
    private final SecureRandom random = new SecureRandom();
    private final RenderedSql findUser;
    private final RenderedSql lockUser;
    private final RenderedSql updateUser;

    public LocalDirectory(DSLContext dsl, Clock clock) {
        this(dsl, clock, new LocalPasswords());
    }

    public LocalDirectory(DSLContext dsl, Clock clock, LocalPasswords passwords) {
        // jOOQ's DEBUG log would print bind values: password hashes, emails, metadata.
        this.dsl = dsl.configuration().deriveSettings(settings -> settings.withExecuteLogging(false)).dsl();
        this.clock = clock;
        this.passwords = passwords;
        this.findUser = new RenderedSql(this.dsl, userById(this.dsl));
        // The row lock serialises concurrent updates: a merge never loses another update's keys.
        this.lockUser = new RenderedSql(this.dsl, userById(this.dsl).forUpdate());
        this.updateUser = new RenderedSql(this.dsl, updateUser(this.dsl));
    }

    @Override
    public User create(NewUser user) {
        if (!isDatabaseConnection(user.connection())) {
            throw InvalidInputException.of("connection", UNKNOWN_CONNECTION);
        }
        requireStorable(user.email());
        requireStorable("user_metadata", user.userMetadata());
        requireStorable("app_metadata", user.appMetadata());
        String hash = user.password().map(passwords::hash).orElse(null);
        OffsetDateTime now = now();
        // A random 96-bit id never collides in practice; retrying costs nothing if it ever does.
        for (int attempt = 1; ; attempt++) {
            String id = newId();
            try {
                return LocalUserRows.toDomain(dsl.insertInto(LOCAL_USER)
                        .set(LOCAL_USER.USER_ID, id)
                        .set(LOCAL_USER.CONNECTION, user.connection().value())
                        .set(LOCAL_USER.EMAIL, user.email().value())
                        .set(LOCAL_USER.EMAIL_VERIFIED, false)
                        .set(LOCAL_USER.BLOCKED, false)
                        .set(LOCAL_USER.PASSWORD_HASH, hash)
                        .set(LOCAL_USER.USER_METADATA, JsonCodec.toJsonb(user.userMetadata()))
                        .set(LOCAL_USER.APP_METADATA, JsonCodec.toJsonb(user.appMetadata()))
                        .set(LOCAL_USER.CREATED_AT, now)
                        .set(LOCAL_USER.UPDATED_AT, now)
                        .set(LOCAL_USER.LOGINS_COUNT, 0)
                        .returning()
                        .fetchSingle());
            } catch (RuntimeException e) {
                // The unique constraint decides, so that concurrent creates of one email cannot both succeed.
                if (SqlErrors.isUniqueViolation(e, EMAIL_UNIQUE)) {
                    throw new ConflictException(USER_EXISTS);
                }
                if (SqlErrors.isUniqueViolation(e, PRIMARY_KEY) && attempt < 3) {
                    continue;
                }
                throw failure(e);
            }
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        // Twice per request (the caller, then the target): a pre-rendered statement, mapped by hand.
        return guard(() -> findUser.execute(dsl, List.of(id.value()), statement -> {
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(LocalUserRows.toDomain(row)) : Optional.<User>empty();
            }
        }));
    }

    @Override
    public UserPage search(UserSearch search) {
        if ((long) (search.page() + 1) * search.perPage() > UserSearch.MAX_RESULT_WINDOW) {
            throw InvalidInputException.of("page", "Only the first " + UserSearch.MAX_RESULT_WINDOW
                    + " results can be paged through; narrow the search.");
        }
        Condition where = inScope(search.scope())
                .and(search.department().map(d -> LOCAL_USER.DEPARTMENT.eq(d.name())).orElse(DSL.noCondition()))
                .and(search.text().map(LocalDirectory::emailContains).orElse(DSL.noCondition()));
        return guard(() -> {
            List<User> users = dsl.selectFrom(LOCAL_USER)
                    .where(where)
                    .orderBy(LOCAL_USER.CREATED_AT, LOCAL_USER.USER_ID)
                    .limit(search.perPage())
                    .offset((long) search.page() * search.perPage())
                    .fetch(LocalUserRows::toDomain);
            OptionalLong total = search.includeTotals() ? OptionalLong.of(dsl.fetchCount(LOCAL_USER, where)) : OptionalLong.empty();
            return new UserPage(users, search.page(), search.perPage(), total);
        });
    }

    /** All: every user, with or without a department. Otherwise only the listed departments; none: nothing. */
    private static Condition inScope(Scope scope) {
        if (scope.all()) {
            return DSL.noCondition();
        }
        if (scope.departments().isEmpty()) {
            return DSL.falseCondition();
        }
        return LOCAL_USER.DEPARTMENT.in(scope.departments().stream().map(Department::name).toList());
    }

    /** Case-insensitive substring of the email; the text is literal: LIKE's {@code % _ \} are escaped. */
    static Condition emailContains(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.indexOf('\0') >= 0) {
            return DSL.falseCondition(); // no stored email holds U+0000, and PostgreSQL would refuse the parameter
        }
        String escaped = lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        // Emails are stored lower-cased (Email and a check constraint), so a plain LIKE is case-insensitive.
        return LOCAL_USER.EMAIL.like("%" + escaped + "%", LIKE_ESCAPE);
    }

    @Override
    public User update(UserId id, UserChanges changes) {
        changes.email().ifPresent(LocalDirectory::requireStorable);
        requireStorable("user_metadata", changes.userMetadata());
        requireStorable("app_metadata", changes.appMetadata());
        // Hashed before the transaction, so that no row lock is held for the ~50 ms of Argon2.
        Optional<String> hash = changes.password().map(passwords::hash);
        OffsetDateTime now = now();
        try {
            return dsl.transactionResult(configuration -> {
                DSLContext tx = configuration.dsl();
                User current = lockUser.execute(tx, List.of(id.value()), statement -> {
                    try (ResultSet row = statement.executeQuery()) {
                        return row.next() ? LocalUserRows.toDomain(row) : null;
                    }
                });
                if (current == null) {
                    throw new NotFoundException(NOT_FOUND);
                }
                Metadata appMetadata = changes.appMetadata().isEmpty() ? null
                        : merge("app_metadata", current.appMetadata(), changes.appMetadata());
                // Null leaves a column as it is (updateUser): no value that changes a column is null.
                List<Object> values = Arrays.asList(
                        changes.email().map(Email::value).orElse(null),
                        changes.emailVerified().orElse(null),
                        hash.orElse(null),
                        changes.blocked().orElse(null),
                        changes.userMetadata().isEmpty() ? null : JsonCodec.toJsonb(
                                merge("user_metadata", current.userMetadata(), changes.userMetadata())),
                        appMetadata == null ? null : JsonCodec.toJsonb(appMetadata),
                        revokesTokens(current, changes, appMetadata) ? 1L : 0L,
                        now,
                        id.value());
                return updateUser.execute(tx, values, statement -> {
                    try (ResultSet row = statement.executeQuery()) {
                        row.next();
                        return LocalUserRows.toDomain(row);
                    }
                });
            });
        } catch (ApplicationException e) {
            throw e;
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e, EMAIL_UNIQUE)) {
                throw new ConflictException(EMAIL_TAKEN);
            }
            throw failure(e);
        }
    }

    /** A new password or email, a block or other roles end the tokens issued before (credential version). */
    private static boolean revokesTokens(User current, UserChanges changes, Metadata appMetadata) {
        return changes.password().isPresent()
                || changes.email().filter(email -> !email.equals(current.email())).isPresent()
                || changes.blocked().filter(blocked -> blocked && !current.blocked()).isPresent()
                || appMetadata != null && !Objects.equals(appMetadata.get(User.ROLES_KEY),
                        current.appMetadata().get(User.ROLES_KEY));
    }

    @Override
    public OptionalLong current(UserId user) {
        Long version = guard(() -> dsl.select(LOCAL_USER.CREDENTIAL_VERSION).from(LOCAL_USER)
                .where(LOCAL_USER.USER_ID.eq(user.value())).fetchOne(LOCAL_USER.CREDENTIAL_VERSION));
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    @Override
    public boolean bump(UserId user) {
        return guard(() -> dsl.update(LOCAL_USER)
                .set(LOCAL_USER.CREDENTIAL_VERSION, LOCAL_USER.CREDENTIAL_VERSION.plus(1L))
                .where(LOCAL_USER.USER_ID.eq(user.value())).execute()) > 0;
    }

    /** First-level merge, a null value removing the key, checked against the domain's limits. */
    private static Metadata merge(String field, Metadata stored, Map<String, Object> changes) {
        try {
            return stored.merge(MetadataPatch.of(changes));
        } catch (InvalidValueException e) {
            throw InvalidInputException.of(field, e.getMessage());
        }
    }

    @Override
    public void delete(UserId id) {
        int deleted = guard(() -> dsl.deleteFrom(LOCAL_USER).where(LOCAL_USER.USER_ID.eq(id.value())).execute());
        if (deleted == 0) {
            throw new NotFoundException(NOT_FOUND);
        }
    }

    @Override
    public boolean isDatabaseConnection(ConnectionName connection) {
        return CONNECTION.equals(connection);
    }

    /**
     * Unknown email, no password set and wrong password take the same path: one Argon2 check, then
     * {@code WrongCredentials}. Only a right password reveals that the account is blocked.
     */
    @Override
    public Result verify(Email email, Password password) {
        Optional<LocalUserRecord> row = email.value().indexOf('\0') >= 0 ? Optional.empty()
                : guard(() -> dsl.selectFrom(LOCAL_USER)
                        .where(LOCAL_USER.CONNECTION.eq(CONNECTION.value()), LOCAL_USER.EMAIL.eq(email.value()))
                        .fetchOptional());
        String hash = row.map(LocalUserRecord::getPasswordHash).orElse(null);
        if (!passwords.matches(password, hash)) {
            return new Result.WrongCredentials();
        }
        LocalUserRecord user = row.orElseThrow();
        if (Boolean.TRUE.equals(user.getBlocked())) {
            return new Result.Blocked(LocalUserRows.toDomain(user));
        }
        // Counted only if nothing changed in between: still the checked password, still not blocked.
        Optional<LocalUserRecord> counted = guard(() -> dsl.update(LOCAL_USER)
                .set(LOCAL_USER.LOGINS_COUNT, LOCAL_USER.LOGINS_COUNT.plus(1))
                .set(LOCAL_USER.LAST_LOGIN, now())
                .where(LOCAL_USER.USER_ID.eq(user.getUserId()),
                        LOCAL_USER.PASSWORD_HASH.eq(hash),
                        LOCAL_USER.BLOCKED.isFalse())
                .returning()
                .fetchOptional());
        if (counted.isPresent()) {
            return new Result.Authenticated(LocalUserRows.toDomain(counted.get()));
        }
        return findById(new UserId(user.getUserId()))
                .filter(User::blocked)
                .<Result>map(Result.Blocked::new)
                .orElseGet(Result.WrongCredentials::new);
    }

    private String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return ID_PREFIX + HexFormat.of().formatHex(bytes);
    }

    private OffsetDateTime now() {
        // PostgreSQL keeps microseconds: truncating here makes the returned user equal to the stored one.
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static SelectConditionStep<Record> userById(DSLContext dsl) {
        return dsl.select(LocalUserRows.USER_COLUMNS).from(LOCAL_USER)
                .where(LOCAL_USER.USER_ID.eq(RenderedSql.parameter(LOCAL_USER.USER_ID)));
    }

    /** Every column an update may change, in the order of {@link #update}'s values; null keeps the stored value. */
    private static Query updateUser(DSLContext dsl) {
        return dsl.update(LOCAL_USER)
                .set(LOCAL_USER.EMAIL, keepIfNull(LOCAL_USER.EMAIL))
                .set(LOCAL_USER.EMAIL_VERIFIED, keepIfNull(LOCAL_USER.EMAIL_VERIFIED))
                .set(LOCAL_USER.PASSWORD_HASH, keepIfNull(LOCAL_USER.PASSWORD_HASH))
                .set(LOCAL_USER.BLOCKED, keepIfNull(LOCAL_USER.BLOCKED))
                .set(LOCAL_USER.USER_METADATA, keepIfNull(LOCAL_USER.USER_METADATA))
                .set(LOCAL_USER.APP_METADATA, keepIfNull(LOCAL_USER.APP_METADATA))
                .set(LOCAL_USER.CREDENTIAL_VERSION,
                        LOCAL_USER.CREDENTIAL_VERSION.plus(RenderedSql.parameter(LOCAL_USER.CREDENTIAL_VERSION)))
                .set(LOCAL_USER.UPDATED_AT, RenderedSql.parameter(LOCAL_USER.UPDATED_AT))
                .where(LOCAL_USER.USER_ID.eq(RenderedSql.parameter(LOCAL_USER.USER_ID)))
                .returning(LocalUserRows.USER_COLUMNS);
    }

    private static <T> Field<T> keepIfNull(Field<T> column) {
        return DSL.coalesce(RenderedSql.parameter(column), column);
    }

    private static void requireStorable(Email email) {
        if (email.value().indexOf('\0') >= 0) {
            throw InvalidInputException.of("email", "Not a valid email address.");
        }
    }

    private static void requireStorable(String field, Object metadata) {
        Object values = metadata instanceof Metadata m ? m.values() : metadata;
        if (JsonCodec.containsNul(values)) {
            throw InvalidInputException.of(field, "Metadata must not contain the character U+0000.");
        }
    }

    private static <T> T guard(Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /** A database failure is the IdP failing: 503 when it may pass, 502 otherwise. The message holds no SQL. */
    private static RuntimeException failure(RuntimeException e) {
        return SqlErrors.asIdentityProviderFailure(e, "The local user directory failed.");
    }
}
