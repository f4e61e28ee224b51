package dev.delegatedadmin.adapters.persistence.actorcache;

import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.ACTOR_INVALIDATION;

import dev.delegatedadmin.application.port.out.ActorInvalidations;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The actor invalidations as rows, each insert committed on its own (never joined to a caller's transaction). */
public final class JooqActorInvalidations implements ActorInvalidations {

    private static final int BATCH = 1000;

    private final DSLContext dsl;

    public JooqActorInvalidations(DSLContext dsl) {
        this.dsl = OwnTransactions.of(dsl);
    }

    @Override
    public void publish(UserId user) {
        dsl.insertInto(ACTOR_INVALIDATION).set(ACTOR_INVALIDATION.USER_ID, user.value()).execute();
    }

    @Override
    public long latestId() {
        Long latest = dsl.select(DSL.max(ACTOR_INVALIDATION.ID)).from(ACTOR_INVALIDATION).fetchOne(0, Long.class);
        return latest == null ? 0 : latest;
    }

    @Override
    public List<Invalidation> recent(long afterId, Duration lookback) {
        // The database's clock on both sides, so the instances' clocks do not matter.
        return dsl.select(ACTOR_INVALIDATION.ID, ACTOR_INVALIDATION.USER_ID).from(ACTOR_INVALIDATION)
                .where(ACTOR_INVALIDATION.ID.gt(afterId)
                        .or(newerThan(lookback)))
                .orderBy(ACTOR_INVALIDATION.ID).limit(BATCH)
                .fetch(row -> new Invalidation(row.value1(), new UserId(row.value2())));
    }

    @Override
    public void sweep(Duration age) {
        dsl.deleteFrom(ACTOR_INVALIDATION).where(newerThan(age).not()).execute();
    }

    private static Condition newerThan(Duration age) {
        return DSL.condition("{0} > now() - {1} * interval '1 millisecond'", ACTOR_INVALIDATION.CREATED_AT,
                DSL.val(age.toMillis()));
    }
}
