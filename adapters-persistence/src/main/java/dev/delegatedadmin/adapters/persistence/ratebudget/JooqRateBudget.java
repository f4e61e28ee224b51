package dev.delegatedadmin.adapters.persistence.ratebudget;

import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.RATE_BUCKET;

import dev.delegatedadmin.application.port.out.RateBudget;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * {@link RateBudget} in {@code rate_bucket}: each take locks the key's row, refills it by the time elapsed on the
 * database's clock ({@code clock_timestamp()}, read after the lock is held) and takes what it can. Instances take
 * permits in batches, so this runs a few times a second, not once per call.
 */
public final class JooqRateBudget implements RateBudget {

    private static final Field<OffsetDateTime> NOW = DSL.field("clock_timestamp()", OffsetDateTime.class);
    /** Refills are sums of fractions: a permit is whole within this. */
    private static final double EPSILON = 1e-9;

    private final DSLContext dsl;

    public JooqRateBudget(DSLContext dsl) {
        this.dsl = OwnTransactions.of(dsl);
    }

    @Override
    public Grant take(String key, int wanted, Limit limit) {
        Objects.requireNonNull(key, "key");
        if (wanted < 1) {
            throw new IllegalArgumentException("At least one permit must be wanted.");
        }
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            tx.insertInto(RATE_BUCKET).set(RATE_BUCKET.BUCKET_KEY, key).set(RATE_BUCKET.TOKENS, (double) limit.burst())
                    .set(RATE_BUCKET.REFILLED_AT, NOW).onConflictDoNothing().execute();
            Record2<Double, OffsetDateTime> bucket = tx.select(RATE_BUCKET.TOKENS, RATE_BUCKET.REFILLED_AT)
                    .from(RATE_BUCKET).where(RATE_BUCKET.BUCKET_KEY.eq(key)).forUpdate().fetchSingle();
            OffsetDateTime now = tx.select(NOW).fetchSingle().value1();
            double tokens = Math.min(limit.burst(), bucket.value1());
            OffsetDateTime refilledAt = bucket.value2();
            if (refilledAt.isAfter(now)) {
                // Refused by the tenant until refilled_at: nothing to take before then.
                Duration blocked = Duration.between(now, refilledAt);
                return new Grant(0, blocked.plus(untilOne(tokens, limit)));
            }
            double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
            double available = Math.min(limit.burst(), tokens + seconds * limit.perSecond());
            int granted = (int) Math.min(wanted, Math.floor(available + EPSILON));
            double left = Math.max(0, available - granted);
            tx.update(RATE_BUCKET).set(RATE_BUCKET.TOKENS, left).set(RATE_BUCKET.REFILLED_AT, now)
                    .where(RATE_BUCKET.BUCKET_KEY.eq(key)).execute();
            return new Grant(granted, granted > 0 ? Duration.ZERO : untilOne(left, limit));
        });
    }

    @Override
    public void exhaust(String key, Duration duration) {
        Field<OffsetDateTime> until = DSL.field("clock_timestamp() + ({0} * interval '1 millisecond')",
                OffsetDateTime.class, DSL.val(Math.max(0, duration.toMillis())));
        dsl.insertInto(RATE_BUCKET).set(RATE_BUCKET.BUCKET_KEY, key).set(RATE_BUCKET.TOKENS, 0.0)
                .set(RATE_BUCKET.REFILLED_AT, until)
                .onConflict(RATE_BUCKET.BUCKET_KEY).doUpdate()
                .set(RATE_BUCKET.TOKENS, 0.0)
                .set(RATE_BUCKET.REFILLED_AT, DSL.greatest(RATE_BUCKET.REFILLED_AT,
                        DSL.excluded(RATE_BUCKET.REFILLED_AT)))
                .execute();
    }

    private static Duration untilOne(double tokens, Limit limit) {
        double missing = Math.max(0, 1 - tokens);
        return Duration.ofNanos((long) Math.ceil(missing / limit.perSecond() * 1e9));
    }
}
