package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.support.JsonCodec;
import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
import dev.delegatedadmin.adapters.persistence.support.RenderedSql;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_OUTCOME;

import dev.delegatedadmin.adapters.persistence.jooq.tables.records.AuditEventRecord;
import dev.delegatedadmin.application.port.out.AuditEventPage;
import dev.delegatedadmin.application.port.out.AuditFilter;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.application.port.out.ExportAuditEvents;
import dev.delegatedadmin.application.port.out.QueryAuditEvents;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.VerifyAuditChain;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import dev.delegatedadmin.domain.audit.AuditVerification;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.SelectJoinStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * The audit trail in {@code audit_event} (the attempt, append-only) and {@code audit_outcome} (the IdP's answer,
 * written once). Writes commit in their own transaction before returning, whatever transaction the caller is in.
 * Writers take no lock: {@link AuditSealer} chains committed rows afterwards. Every intent carries the writing
 * {@link AuditInstance}'s id, so that only a stopped instance's intents are ever marked unknown. One store, four
 * capabilities: the application asks for each port on its own.
 */
public final class JooqAuditTrail implements RecordAuditEvents, QueryAuditEvents, ExportAuditEvents, VerifyAuditChain {

    /** The outcome journal's name in DATA_DIR. */
    public static final String JOURNAL_FILE = "audit-outcomes.journal";
    /** Rows per round trip of a streamed export: bounds its memory. */
    static final int EXPORT_FETCH_SIZE = 500;

    private final DSLContext dsl;
    private final Clock clock;
    private final AuditInstance instance;
    private final Optional<AuditAnchor> anchor;
    // Single statements, outside any transaction: each commits on its own before the call returns.
    private final RenderedSql insertEvent;
    private final OutcomeWriter outcomes;

    public JooqAuditTrail(DSLContext dsl, Clock clock) {
        this(dsl, clock, new AuditInstance(dsl));
    }

    /** For tests: outcomes the database refuses are journaled in a fresh temporary directory. */
    public JooqAuditTrail(DSLContext dsl, Clock clock, AuditInstance instance) {
        this(dsl, clock, instance, testOutcomes(dsl), Optional.empty());
    }

    /** For tests: {@code anchor}, the checkpoints {@link #verify} compares the chain with. */
    public JooqAuditTrail(DSLContext dsl, Clock clock, AuditInstance instance, Optional<AuditAnchor> anchor) {
        this(dsl, clock, instance, testOutcomes(dsl), anchor);
    }

    public JooqAuditTrail(DSLContext dsl, Clock clock, AuditInstance instance, OutcomeWriter outcomes) {
        this(dsl, clock, instance, outcomes, Optional.empty());
    }

    public JooqAuditTrail(DSLContext dsl, Clock clock, AuditInstance instance, OutcomeWriter outcomes,
                   Optional<AuditAnchor> anchor) {
        this.anchor = anchor;
        this.dsl = OwnTransactions.of(dsl);
        this.clock = clock;
        this.instance = instance;
        this.insertEvent = new RenderedSql(this.dsl, insertEvent(this.dsl));
        this.outcomes = outcomes;
    }

    private static OutcomeWriter testOutcomes(DSLContext dsl) {
        return new OutcomeWriter(dsl, new OutcomeJournal(temporaryJournal()), OutcomeWriter.Retry.DEFAULT);
    }

    private static java.nio.file.Path temporaryJournal() {
        try {
            return java.nio.file.Files.createTempDirectory("audit-outcomes").resolve(JOURNAL_FILE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public long record(AuditRecord record) {
        return insertEvent.execute(dsl, Arrays.asList(
                timestamp(record.occurredAt()),
                record.requestId().orElse(null),
                record.actorId().orElse(null),
                record.actorEmail().orElse(null),
                record.actorDepartment().orElse(null),
                record.action().externalName(),
                record.targetId().orElse(null),
                record.targetEmail().orElse(null),
                record.decision().name().toLowerCase(Locale.ROOT),
                record.rule().orElse(null),
                record.message().orElse(null),
                JsonCodec.toJsonb(record.changedFields()),
                record.status().externalName(),
                JsonCodec.changesToJsonb(record.changes()),
                record.targetDepartment().orElse(null),
                instance.id(),
                record.clientRequestId().orElse(null)), statement -> {
                    try (ResultSet id = statement.executeQuery()) {
                        id.next();
                        return id.getLong(1);
                    }
                });
    }

    /** The columns {@link #record} writes, in the order of its values. */
    private static Query insertEvent(DSLContext dsl) {
        List<Field<?>> columns = List.of(AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.REQUEST_ID, AUDIT_EVENT.ACTOR_ID,
                AUDIT_EVENT.ACTOR_EMAIL, AUDIT_EVENT.ACTOR_DEPARTMENT, AUDIT_EVENT.ACTION, AUDIT_EVENT.TARGET_ID,
                AUDIT_EVENT.TARGET_EMAIL, AUDIT_EVENT.DECISION, AUDIT_EVENT.RULE, AUDIT_EVENT.MESSAGE,
                AUDIT_EVENT.CHANGED_FIELDS, AUDIT_EVENT.STATUS, AUDIT_EVENT.CHANGES, AUDIT_EVENT.TARGET_DEPARTMENT,
                AUDIT_EVENT.INSTANCE_ID, AUDIT_EVENT.CLIENT_REQUEST_ID);
        return dsl.insertInto(AUDIT_EVENT, columns)
                .values(columns.stream().<Field<?>>map(RenderedSql::parameter).toList())
                .returning(AUDIT_EVENT.ID);
    }

    /**
     * Only a pending attempt gets an outcome, and only once (the primary key of {@code audit_outcome});
     * anything else is a programming error: {@link IllegalStateException}. A database that is away does not lose
     * it: {@link OutcomeWriter} retries, then journals it locally until the database is back.
     */
    @Override
    public void complete(long eventId, AuditStatus outcome, Optional<String> detail) {
        if (outcome == AuditStatus.PENDING) {
            throw new IllegalArgumentException("An outcome cannot be pending.");
        }
        outcomes.write(new OutcomeJournal.Entry(eventId, outcome.externalName(), detail, clock.instant()));
    }

    @Override
    public AuditEventPage find(AuditQuery query) {
        List<AuditEvent> events = pageQuery(query).fetch(JooqAuditTrail::toDomain);
        boolean more = events.size() > query.limit();
        List<AuditEvent> page = more ? events.subList(0, query.limit()) : events;
        return new AuditEventPage(page, more ? OptionalLong.of(page.getLast().id()) : OptionalLong.empty());
    }

    /** One page and one row more (to know whether there is a next page); package-private for plan tests. */
    ResultQuery<Record> pageQuery(AuditQuery query) {
        List<Condition> conditions = conditions(query.filter());
        query.beforeId().ifPresent(before -> conditions.add(AUDIT_EVENT.ID.lt(before)));
        return select(dsl).where(conditions).orderBy(AUDIT_EVENT.ID.desc()).limit(query.limit() + 1);
    }

    /**
     * A server-side cursor (PostgreSQL needs a transaction for that), {@link #EXPORT_FETCH_SIZE} rows at a time: the
     * export's memory does not grow with its size. Read-only, one snapshot: the export is consistent.
     */
    @Override
    public void export(AuditFilter filter, Consumer<AuditEvent> sink) {
        dsl.transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            tx.execute("set transaction read only");
            try (Cursor<Record> cursor = select(tx).where(conditions(filter)).orderBy(AUDIT_EVENT.ID.desc())
                    .fetchSize(EXPORT_FETCH_SIZE).fetchLazy()) {
                for (Record row : cursor) {
                    sink.accept(toDomain(row));
                }
            }
        });
    }

    @Override
    public AuditVerification verify() {
        return new AuditChainVerifier(dsl, () -> anchor.flatMap(AuditAnchor::latest), anchor).verify();
    }

    private static SelectJoinStep<Record> select(DSLContext dsl) {
        return dsl.select(AUDIT_EVENT.fields())
                .select(AUDIT_OUTCOME.OUTCOME, AUDIT_OUTCOME.DETAIL, AUDIT_OUTCOME.COMPLETED_AT)
                .from(AUDIT_EVENT)
                .leftJoin(AUDIT_OUTCOME).on(AUDIT_OUTCOME.EVENT_ID.eq(AUDIT_EVENT.ID));
    }

    private static List<Condition> conditions(AuditFilter filter) {
        List<Condition> conditions = new ArrayList<>();
        filter.actorId().ifPresent(actor -> conditions.add(AUDIT_EVENT.ACTOR_ID.eq(actor)));
        filter.targetId().ifPresent(target -> conditions.add(AUDIT_EVENT.TARGET_ID.eq(target)
                .or(AUDIT_EVENT.ID.eq(DSL.any(DSL.array(DSL.select(AUDIT_OUTCOME.EVENT_ID).from(AUDIT_OUTCOME)
                        .where(AUDIT_OUTCOME.DETAIL.eq(CREATED_USER_DETAIL + target),
                                // Literal, as in the partial index's predicate (V10), so that the index serves it.
                                AUDIT_OUTCOME.DETAIL.like(DSL.inline(CREATED_USER_DETAIL + "%"))))))
                        .and(AUDIT_EVENT.ACTION.eq(AuditAction.USER_CREATE.externalName())))));
        filter.clientRequestId().ifPresent(id -> conditions.add(AUDIT_EVENT.CLIENT_REQUEST_ID.eq(id)));
        filter.action().ifPresent(action -> conditions.add(AUDIT_EVENT.ACTION.eq(action.externalName())));
        filter.decision().ifPresent(decision -> conditions.add(AUDIT_EVENT.DECISION.eq(decision.name().toLowerCase(Locale.ROOT))));
        filter.status().ifPresent(status -> conditions.add(effectiveStatus(status)));
        filter.rule().ifPresent(rule -> conditions.add(AUDIT_EVENT.RULE.eq(rule)));
        filter.department().ifPresent(department -> conditions.add(filter.showsDepartment(department)
                ? AUDIT_EVENT.ACTOR_DEPARTMENT.eq(department).or(AUDIT_EVENT.TARGET_DEPARTMENT.eq(department))
                : AUDIT_EVENT.ACTOR_DEPARTMENT.eq(department)));
        if (!filter.scope().all()) {
            conditions.add(inScope(filter.scope()));
        }
        // Stored times have microseconds: t >= from (resp. t < to) is t >= (resp. <) from rounded up to a microsecond.
        filter.from().ifPresent(from -> conditions.add(AUDIT_EVENT.OCCURRED_AT.ge(timestamp(ceilToMicros(from)))));
        filter.to().ifPresent(to -> conditions.add(AUDIT_EVENT.OCCURRED_AT.lt(timestamp(ceilToMicros(to)))));
        return conditions;
    }

    /**
     * The reader's scope, in the query (never filtered after fetching): the shape of the department filter, served by
     * the same two indexes on (department, id); an event with neither department is in no restricted scope.
     */
    private static Condition inScope(Scope scope) {
        List<String> names = scope.departments().stream().map(Department::name).toList();
        return names.isEmpty()
                ? DSL.falseCondition()
                : AUDIT_EVENT.ACTOR_DEPARTMENT.in(names).or(AUDIT_EVENT.TARGET_DEPARTMENT.in(names));
    }

    /**
     * The outcome when there is one, else the status written with the attempt; spelt so that indexes serve it
     * (a coalesce over the join would not): only a pending attempt ever gets an outcome.
     */
    private static Condition effectiveStatus(AuditStatus status) {
        String name = status.externalName();
        return switch (status) {
            case PENDING -> AUDIT_EVENT.STATUS.eq(name).and(AUDIT_OUTCOME.EVENT_ID.isNull());
            case SUCCEEDED, FAILED, UNKNOWN -> AUDIT_OUTCOME.OUTCOME.eq(name);
            case DENIED, NO_CHANGE, SKIPPED -> AUDIT_EVENT.STATUS.eq(name);
        };
    }

    private static AuditEvent toDomain(Record row) {
        AuditEventRecord event = row.into(AUDIT_EVENT);
        AuditStatus recorded = status(event.getStatus());
        String outcome = row.get(AUDIT_OUTCOME.OUTCOME);
        AuditRecord record = new AuditRecord(
                event.getOccurredAt().toInstant(),
                Optional.ofNullable(event.getRequestId()),
                Optional.ofNullable(event.getActorId()),
                Optional.ofNullable(event.getActorEmail()),
                Optional.ofNullable(event.getActorDepartment()),
                AuditAction.fromExternalName(event.getAction())
                        .orElseThrow(() -> new IllegalStateException("Unknown audit action " + event.getAction())),
                Optional.ofNullable(event.getTargetId()).or(() -> createdId(event, row.get(AUDIT_OUTCOME.DETAIL))),
                Optional.ofNullable(event.getTargetEmail()),
                AuditDecision.valueOf(event.getDecision().toUpperCase(Locale.ROOT)),
                Optional.ofNullable(event.getRule()),
                Optional.ofNullable(event.getMessage()),
                JsonCodec.toStrings(event.getChangedFields()),
                recorded,
                JsonCodec.toChanges(event.getChanges()),
                Optional.ofNullable(event.getTargetDepartment()),
                Optional.ofNullable(event.getClientRequestId()));
        return new AuditEvent(
                event.getId(),
                record,
                outcome == null ? recorded : status(outcome),
                Optional.ofNullable(row.get(AUDIT_OUTCOME.DETAIL)),
                Optional.ofNullable(row.get(AUDIT_OUTCOME.COMPLETED_AT)).map(OffsetDateTime::toInstant));
    }

    /** A create's target: the id in its (sealed) outcome detail, see {@link RecordAuditEvents#CREATED_USER_DETAIL}. */
    private static Optional<String> createdId(AuditEventRecord event, String detail) {
        return event.getAction().equals(AuditAction.USER_CREATE.externalName()) && detail != null
                && detail.startsWith(CREATED_USER_DETAIL)
                ? Optional.of(detail.substring(CREATED_USER_DETAIL.length())) : Optional.empty();
    }

    private static AuditStatus status(String name) {
        return AuditStatus.fromExternalName(name)
                .orElseThrow(() -> new IllegalStateException("Unknown audit status " + name));
    }

    private static Instant ceilToMicros(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.MICROS);
        return truncated.equals(instant) ? truncated : truncated.plus(1, ChronoUnit.MICROS);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
