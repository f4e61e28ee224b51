package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
import dev.delegatedadmin.adapters.persistence.support.SqlErrors;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOGIN_THROTTLE;

import dev.delegatedadmin.adapters.persistence.jooq.tables.records.LoginThrottleRecord;
import dev.delegatedadmin.application.port.out.LoginThrottleStore;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The login throttle's counters in {@code login_throttle}: one row per (kind, subject), read and changed under its
 * row lock ({@code SELECT … FOR UPDATE}), so that every instance counts on the same row.
 */
public final class JooqLoginThrottleStore implements LoginThrottleStore {

    private static final int ATTEMPTS = 3;

    private final DSLContext dsl;
    private final Clock clock;

    public JooqLoginThrottleStore(DSLContext dsl, Clock clock) {
        // Own transactions (never a caller's), and no DEBUG log of bind values (emails, addresses).
        this.dsl = OwnTransactions.of(dsl).configuration()
                .deriveSettings(settings -> settings.withExecuteLogging(false)).dsl();
        this.clock = clock;
    }

    @Override
    public Map<Key, Counter> find(List<Key> keys) {
        Condition any = DSL.or(keys.stream().map(JooqLoginThrottleStore::is).toList());
        Map<Key, Counter> found = new LinkedHashMap<>();
        guard(() -> dsl.selectFrom(LOGIN_THROTTLE).where(any).fetch())
                .forEach(row -> found.put(key(row), counter(row)));
        return found;
    }

    @Override
    public Counter update(Key key, Function<Optional<Counter>, Counter> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<Counter> done = guard(() -> dsl.transactionResult(configuration -> {
                DSLContext tx = configuration.dsl();
                Optional<LoginThrottleRecord> row = tx.selectFrom(LOGIN_THROTTLE).where(is(key)).forUpdate()
                        .fetchOptional();
                Counter next = change.apply(row.map(JooqLoginThrottleStore::counter));
                if (row.isPresent()) {
                    tx.update(LOGIN_THROTTLE).set(values(next)).where(is(key)).execute();
                    return Optional.of(next);
                }
                int inserted = tx.insertInto(LOGIN_THROTTLE)
                        .set(LOGIN_THROTTLE.KIND, kind(key))
                        .set(LOGIN_THROTTLE.SUBJECT, key.subject())
                        .set(values(next))
                        .onConflictDoNothing()
                        .execute();
                // Another instance inserted the row meanwhile: read it again, under its lock.
                return inserted == 1 ? Optional.of(next) : Optional.<Counter>empty();
            }));
            if (done.isPresent()) {
                return done.get();
            }
            if (attempt >= ATTEMPTS) {
                throw new IllegalStateException("The login throttle row kept changing.");
            }
        }
    }

    @Override
    public void countRefused(Key key) {
        guard(() -> dsl.update(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.UNAUDITED, LOGIN_THROTTLE.UNAUDITED.plus(1))
                .where(is(key))
                .execute());
    }

    @Override
    public boolean remove(Key key) {
        return guard(() -> dsl.deleteFrom(LOGIN_THROTTLE).where(is(key)).execute()) > 0;
    }

    @Override
    public int removeUntouchedSince(Instant before) {
        return guard(() -> dsl.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.UPDATED_AT.lt(time(before))).execute());
    }

    private Map<org.jooq.Field<?>, Object> values(Counter counter) {
        Map<org.jooq.Field<?>, Object> values = new LinkedHashMap<>();
        values.put(LOGIN_THROTTLE.FAILURES, counter.failures());
        values.put(LOGIN_THROTTLE.WINDOW_STARTED_AT, time(counter.windowStartedAt()));
        values.put(LOGIN_THROTTLE.LOCKED_UNTIL, counter.lockedUntil().map(JooqLoginThrottleStore::time).orElse(null));
        values.put(LOGIN_THROTTLE.UNAUDITED, counter.unaudited());
        values.put(LOGIN_THROTTLE.UPDATED_AT, time(clock.instant()));
        return values;
    }

    private static Condition is(Key key) {
        return LOGIN_THROTTLE.KIND.eq(kind(key)).and(LOGIN_THROTTLE.SUBJECT.eq(key.subject()));
    }

    private static String kind(Key key) {
        return key.kind().name().toLowerCase(Locale.ROOT);
    }

    private static Key key(LoginThrottleRecord row) {
        return new Key(Kind.valueOf(row.getKind().toUpperCase(Locale.ROOT)), row.getSubject());
    }

    private static Counter counter(LoginThrottleRecord row) {
        return new Counter(row.getFailures(), row.getWindowStartedAt().toInstant(),
                Optional.ofNullable(row.getLockedUntil()).map(OffsetDateTime::toInstant), row.getUnaudited());
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static <T> T guard(Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            throw SqlErrors.asIdentityProviderFailure(e, "The login throttle failed.");
        }
    }
}
