package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_INSTANCE;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_OUTCOME;

import dev.delegatedadmin.domain.audit.AuditStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * This service instance in {@code audit_instance}: every intent it writes carries its id, and it heartbeats. An
 * intent still pending is marked {@code unknown} (an appended outcome, never an update) only once the instance
 * that wrote it has stopped, or has not heartbeated for {@code staleAfter}: an intent of a live instance may still
 * be waiting for the IdP. Times are the database's ({@code now()}), so instances' clocks need not agree.
 */
public final class AuditInstance {

    static final String UNKNOWN_DETAIL = "The service instance that recorded this intent stopped before recording the"
            + " identity provider's answer: whether the change was applied is unknown.";

    private static final System.Logger LOG = System.getLogger(AuditInstance.class.getName());

    private final DSLContext dsl;
    private volatile String id = newId();

    public AuditInstance(DSLContext dsl) {
        this.dsl = OwnTransactions.of(dsl);
    }

    public String id() {
        return id;
    }

    void register() {
        dsl.insertInto(AUDIT_INSTANCE)
                .set(AUDIT_INSTANCE.INSTANCE_ID, id)
                .set(AUDIT_INSTANCE.STARTED_AT, DSL.currentOffsetDateTime())
                .set(AUDIT_INSTANCE.HEARTBEAT_AT, DSL.currentOffsetDateTime())
                .execute();
    }

    /** If another instance declared this one dead (a long pause), it continues under a new id. */
    void heartbeat() {
        int updated = dsl.update(AUDIT_INSTANCE)
                .set(AUDIT_INSTANCE.HEARTBEAT_AT, DSL.currentOffsetDateTime())
                .where(AUDIT_INSTANCE.INSTANCE_ID.eq(id), AUDIT_INSTANCE.REAPED_AT.isNull())
                .execute();
        if (updated == 0) {
            String previous = id;
            id = newId();
            register();
            LOG.log(System.Logger.Level.WARNING, "Audit instance " + previous + " was declared stopped; now " + id);
        }
    }

    void stopped() {
        dsl.update(AUDIT_INSTANCE).set(AUDIT_INSTANCE.STOPPED_AT, DSL.currentOffsetDateTime())
                .where(AUDIT_INSTANCE.INSTANCE_ID.eq(id)).execute();
    }

    /**
     * Marks as {@code unknown} the pending intents of every instance that has stopped or gone silent, each instance
     * once. With {@code legacy}, also intents written before instances were tracked (no instance id) and older
     * than {@code staleAfter}. Returns how many intents were marked.
     */
    int markUnknown(Duration staleAfter, boolean legacy) {
        Field<OffsetDateTime> cutoff = DSL.field("now() - ({0} * interval '1 millisecond')", OffsetDateTime.class,
                DSL.val(staleAfter.toMillis()));
        Condition gone = AUDIT_INSTANCE.STOPPED_AT.isNotNull().or(AUDIT_INSTANCE.HEARTBEAT_AT.lt(cutoff));
        List<String> dead = dsl.select(AUDIT_INSTANCE.INSTANCE_ID).from(AUDIT_INSTANCE)
                .where(AUDIT_INSTANCE.REAPED_AT.isNull(), AUDIT_INSTANCE.INSTANCE_ID.ne(id), gone)
                .fetch(AUDIT_INSTANCE.INSTANCE_ID);
        int marked = 0;
        for (String instance : dead) {
            marked += dsl.transactionResult(configuration -> {
                DSLContext tx = configuration.dsl();
                // Claimed under the row lock, so that a heartbeat arriving now waits and then sees it was reaped.
                int claimed = tx.update(AUDIT_INSTANCE).set(AUDIT_INSTANCE.REAPED_AT, DSL.currentOffsetDateTime())
                        .where(AUDIT_INSTANCE.INSTANCE_ID.eq(instance), AUDIT_INSTANCE.REAPED_AT.isNull(), gone)
                        .execute();
                return claimed == 0 ? 0 : insertUnknown(tx, AUDIT_EVENT.INSTANCE_ID.eq(instance));
            });
        }
        if (legacy) {
            marked += insertUnknown(dsl, AUDIT_EVENT.INSTANCE_ID.isNull()
                    .and(AUDIT_EVENT.OCCURRED_AT.lt(cutoff)));
        }
        if (marked > 0) {
            LOG.log(System.Logger.Level.WARNING, marked + " audit intent(s) of stopped instances marked unknown");
        }
        return marked;
    }

    private static int insertUnknown(DSLContext tx, Condition whose) {
        return tx.insertInto(AUDIT_OUTCOME, AUDIT_OUTCOME.EVENT_ID, AUDIT_OUTCOME.OUTCOME, AUDIT_OUTCOME.DETAIL,
                        AUDIT_OUTCOME.COMPLETED_AT)
                .select(DSL.select(AUDIT_EVENT.ID, DSL.val(AuditStatus.UNKNOWN.externalName()), DSL.val(UNKNOWN_DETAIL),
                                DSL.currentOffsetDateTime())
                        .from(AUDIT_EVENT)
                        .where(whose, AUDIT_EVENT.STATUS.eq(AuditStatus.PENDING.externalName()))
                        .andNotExists(DSL.selectOne().from(AUDIT_OUTCOME).where(AUDIT_OUTCOME.EVENT_ID.eq(AUDIT_EVENT.ID)))
                        .orderBy(AUDIT_EVENT.ID))
                .onConflictDoNothing()
                .execute();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
