package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
import dev.delegatedadmin.adapters.persistence.support.RenderedSql;
import dev.delegatedadmin.adapters.persistence.support.SqlErrors;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_OUTCOME;

import dev.delegatedadmin.domain.audit.AuditStatus;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * Writes an intent's outcome so that a completed IdP call never ends without one: the insert is retried with
 * backoff for a bounded time, and if the database stays away the outcome goes to the {@link OutcomeJournal}
 * (fsynced) and {@link #replay} writes it once the database is back. A retry that meets the outcome already there
 * means the previous attempt committed before its connection broke.
 */
public final class OutcomeWriter {

    private static final System.Logger LOG = System.getLogger(OutcomeWriter.class.getName());
    private static final String OUTCOME_PRIMARY_KEY = "audit_outcome_pk";

    /** Attempts and their budget; the first retry waits {@code firstBackoff}, then three times longer each. */
    public record Retry(int attempts, Duration firstBackoff, Duration maxTotal) {
        public static final Retry DEFAULT = new Retry(4, Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    private final DSLContext dsl;
    private final OutcomeJournal journal;
    private final Retry retry;
    private final RenderedSql insertOutcome;

    public OutcomeWriter(DSLContext dsl, OutcomeJournal journal, Retry retry) {
        this.dsl = OwnTransactions.of(dsl);
        this.journal = journal;
        this.retry = retry;
        this.insertOutcome = new RenderedSql(this.dsl, insertOutcome(this.dsl));
    }

    OutcomeJournal journal() {
        return journal;
    }

    /** Only a pending attempt gets an outcome, and only once; anything else is {@link IllegalStateException}. */
    void write(OutcomeJournal.Entry entry) {
        long deadline = System.nanoTime() + retry.maxTotal().toNanos();
        Duration backoff = retry.firstBackoff();
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                insertOnce(entry);
                return;
            } catch (IllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                if (SqlErrors.isUniqueViolation(e, OUTCOME_PRIMARY_KEY)) {
                    if (attempt > 1) {
                        return; // the previous attempt committed; its answer was lost with the connection
                    }
                    throw new IllegalStateException("Audit event " + entry.eventId() + " already has an outcome.", e);
                }
                failure = e;
            }
            if (attempt >= retry.attempts() || System.nanoTime() + backoff.toNanos() - deadline > 0) {
                journal(entry, failure);
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                journal(entry, failure);
                return;
            }
            backoff = backoff.multipliedBy(3);
        }
    }

    private void journal(OutcomeJournal.Entry entry, RuntimeException failure) {
        try {
            journal.append(entry);
        } catch (RuntimeException journalFailure) {
            failure.addSuppressed(journalFailure);
            LOG.log(System.Logger.Level.ERROR, "Audit outcome of event " + entry.eventId()
                    + " could be neither written nor journaled", failure);
            throw failure;
        }
        LOG.log(System.Logger.Level.WARNING, "Audit outcome of event " + entry.eventId() + " journaled in "
                + journal.file() + " until the database is back: " + failure);
    }

    /**
     * Writes the journaled outcomes, oldest first, until one fails because the database is still away; returns how
     * many were written. One the database refuses for good (or that it already has) is logged with its content and
     * dropped from the journal, so that it cannot block the others.
     */
    int replay() {
        if (journal.isEmpty()) {
            return 0;
        }
        Set<Long> done = new HashSet<>();
        int written = 0;
        for (OutcomeJournal.Entry entry : journal.entries()) {
            try {
                insertOnce(entry);
                written++;
            } catch (RuntimeException e) {
                if (!SqlErrors.isUniqueViolation(e, OUTCOME_PRIMARY_KEY) && !(e instanceof IllegalStateException)
                        && !reachable()) {
                    break;
                }
                LOG.log(System.Logger.Level.ERROR, "Journaled audit outcome not recorded: event " + entry.eventId()
                        + " " + entry.outcome() + " at " + entry.completedAt() + " (" + e.getMessage() + ")");
            }
            done.add(entry.eventId());
        }
        journal.remove(done);
        if (written > 0) {
            LOG.log(System.Logger.Level.INFO, written + " journaled audit outcome(s) recorded");
        }
        return written;
    }

    private void insertOnce(OutcomeJournal.Entry entry) {
        int inserted = insertOutcome.execute(dsl, Arrays.asList(entry.outcome(), entry.detail().orElse(null),
                        OffsetDateTime.ofInstant(entry.completedAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC),
                        entry.eventId(), AuditStatus.PENDING.externalName()),
                PreparedStatement::executeUpdate);
        if (inserted == 0) {
            throw new IllegalStateException("Audit event " + entry.eventId() + " does not exist or is not pending.");
        }
    }

    private boolean reachable() {
        try {
            dsl.selectOne().fetch();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Only for a pending event: an outcome, then, in the order of {@link #insertOnce}'s values. */
    private static Query insertOutcome(DSLContext dsl) {
        return dsl.insertInto(AUDIT_OUTCOME, AUDIT_OUTCOME.EVENT_ID, AUDIT_OUTCOME.OUTCOME, AUDIT_OUTCOME.DETAIL,
                        AUDIT_OUTCOME.COMPLETED_AT)
                .select(DSL.select(AUDIT_EVENT.ID,
                                RenderedSql.parameter(AUDIT_OUTCOME.OUTCOME),
                                RenderedSql.parameter(AUDIT_OUTCOME.DETAIL),
                                RenderedSql.parameter(AUDIT_OUTCOME.COMPLETED_AT))
                        .from(AUDIT_EVENT)
                        .where(AUDIT_EVENT.ID.eq(RenderedSql.parameter(AUDIT_EVENT.ID)),
                                AUDIT_EVENT.STATUS.eq(RenderedSql.parameter(AUDIT_EVENT.STATUS))));
    }
}
