package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.ApplicationException;
import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.port.in.AuditRefusedInputUseCase;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditChange;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place an audit row is built. An attempt carries who (a caller, the system, the platform, or a person
 * logging in), what and on whom; its named results write the rows: a denial, a no-change, a finished event, a
 * skip, or an intent committed before the IdP is called and then its outcome ({@link Intent}).
 */
final class AuditAttempt {

    /**
     * What to do when an intent's outcome cannot be written (the database refused it even after the adapter's own
     * retries and journal). {@link #LOG}: report and go on, the intent stays visibly pending; {@link #THROW}: the
     * caller meets the failure (a login rule then counts as failed, a bootstrap does not start).
     */
    enum IfOutcomeLost { LOG, THROW }

    private static final System.Logger LOG = System.getLogger(AuditAttempt.class.getName());
    private static final int MAX_NAMED_FIELDS = 10;
    private static final int MAX_FIELD_LENGTH = 100;

    private final RecordAuditEvents trail;
    private final Clock clock;
    private final AuditAction action;
    private final Optional<String> requestId;
    private final Optional<String> clientRequestId;
    private final Optional<String> actorId;
    private final Optional<String> actorEmail;
    private final Optional<String> actorDepartment;
    private Optional<String> targetId = Optional.empty();
    private Optional<String> targetEmail = Optional.empty();
    private Optional<String> targetDepartment = Optional.empty();
    private Optional<String> rule = Optional.empty();

    private AuditAttempt(RecordAuditEvents trail, Clock clock, AuditAction action, Optional<String> requestId,
                         Optional<String> clientRequestId, Optional<String> actorId, Optional<String> actorEmail,
                         Optional<String> actorDepartment) {
        this.trail = trail;
        this.clock = clock;
        this.action = action;
        this.requestId = requestId;
        this.clientRequestId = clientRequestId;
        this.actorId = actorId;
        this.actorEmail = actorEmail;
        this.actorDepartment = actorDepartment;
    }

    /** An authenticated caller's attempt, with both request ids. */
    static AuditAttempt by(RecordAuditEvents trail, Clock clock, Caller caller, AuditAction action) {
        return new AuditAttempt(trail, clock, action, caller.requestId(), caller.clientRequestId(),
                Optional.of(caller.actor().id().value()), Optional.ofNullable(caller.actor().email()),
                caller.actor().department().map(Department::name));
    }

    /** As {@link #by(RecordAuditEvents, Clock, Caller, AuditAction)}; without a caller (e.g. at startup), no actor. */
    static AuditAttempt by(RecordAuditEvents trail, Clock clock, Optional<Caller> caller, AuditAction action) {
        return caller.map(c -> by(trail, clock, c, action))
                .orElseGet(() -> platform(trail, clock, action, Optional.empty()));
    }

    /** An actor known without a caller (no client request id). */
    static AuditAttempt by(RecordAuditEvents trail, Clock clock, Actor actor, Optional<String> requestId,
                           AuditAction action) {
        return new AuditAttempt(trail, clock, action, requestId, Optional.empty(), Optional.of(actor.id().value()),
                Optional.ofNullable(actor.email()), actor.department().map(Department::name));
    }

    /** The application itself, under a fixed actor id (e.g. {@code system:bootstrap}). */
    static AuditAttempt system(RecordAuditEvents trail, Clock clock, String systemActor, AuditAction action) {
        return new AuditAttempt(trail, clock, action, Optional.empty(), Optional.empty(), Optional.of(systemActor),
                Optional.empty(), Optional.empty());
    }

    /** The platform acting (e.g. a login rule): no actor. */
    static AuditAttempt platform(RecordAuditEvents trail, Clock clock, AuditAction action, Optional<String> requestId) {
        return new AuditAttempt(trail, clock, action, requestId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * Someone acting on their own account (logging in or out): actor and target are the same id and email, either
     * possibly unknown (an unknown email is recorded as attempted). The target's department is not set here.
     */
    static AuditAttempt self(RecordAuditEvents trail, Clock clock, AuditAction action, Optional<String> requestId,
                             Optional<String> clientRequestId, Optional<String> userId, Optional<String> email,
                             Optional<String> department) {
        AuditAttempt attempt = new AuditAttempt(trail, clock, action, requestId, clientRequestId, userId, email,
                department);
        attempt.targetId = userId;
        attempt.targetEmail = email;
        return attempt;
    }

    AuditAttempt target(String id, String email) {
        return target(Optional.ofNullable(id), Optional.ofNullable(email));
    }

    AuditAttempt target(Optional<String> id, Optional<String> email) {
        this.targetId = id;
        this.targetEmail = email;
        return this;
    }

    /** The department the target is in (update, delete) or goes to (create), for filtering the trail. */
    AuditAttempt targetDepartment(Optional<String> department) {
        this.targetDepartment = department;
        return this;
    }

    /** The rule every row of this attempt is about (e.g. a login rule's id). */
    AuditAttempt rule(String id) {
        this.rule = Optional.of(id);
        return this;
    }

    /** Records the denial and returns the exception to throw. */
    DeniedException denied(String deniedBy, String message) {
        trail.record(row(AuditDecision.DENIED, AuditStatus.DENIED, Optional.of(deniedBy), Optional.of(message),
                List.of(), List.of()));
        return new DeniedException(deniedBy, message);
    }

    /**
     * Refused before any rule ran, for input that cannot be stored: a denial under
     * {@link AuditRefusedInputUseCase#INVALID_INPUT} naming the fields (JSON paths, at most
     * {@value #MAX_NAMED_FIELDS}, each cut to {@value #MAX_FIELD_LENGTH} characters), never their values.
     */
    void invalidInput(List<String> fields) {
        List<String> named = fields.stream().limit(MAX_NAMED_FIELDS)
                .map(f -> f.length() > MAX_FIELD_LENGTH ? f.substring(0, MAX_FIELD_LENGTH) + "…" : f).toList();
        denied(AuditRefusedInputUseCase.INVALID_INPUT, "Refused before any rule: " + String.join(", ", named)
                + (fields.size() > named.size() ? " and " + (fields.size() - named.size()) + " more" : "")
                + " cannot be stored (U+0000 or an unpaired surrogate).");
    }

    /** Allowed, and nothing to change: no IdP call. */
    void noChange() {
        trail.record(row(AuditDecision.ALLOWED, AuditStatus.NO_CHANGE, rule, Optional.empty(), List.of(), List.of()));
    }

    /** Allowed and already done, in one row (nothing left to fail after it). */
    void done(Optional<String> doneBy, Optional<String> message) {
        trail.record(row(AuditDecision.ALLOWED, AuditStatus.SUCCEEDED, doneBy.or(() -> rule), message, List.of(),
                List.of()));
    }

    /** Allowed, but not acted on, and why. */
    void skipped(String why) {
        trail.record(row(AuditDecision.ALLOWED, AuditStatus.SKIPPED, rule, Optional.of(why), List.of(), List.of()));
    }

    /** Commits the intent (before the IdP is called); its {@link Intent} adds the outcome. */
    Intent intent(List<String> changedFields, List<AuditChange> changes, Optional<String> message) {
        return new Intent(trail.record(row(AuditDecision.ALLOWED, AuditStatus.PENDING, rule, message, changedFields,
                changes)));
    }

    /**
     * The whole protocol of a write: the intent, the IdP call, its outcome. A failure is recorded and rethrown;
     * an outcome that cannot be written is logged ({@link IfOutcomeLost#LOG}): the caller learns what the IdP did.
     * {@code detail} of an outcome never holds a secret (IdP error messages are about the request shape).
     */
    <T> T allowed(List<String> changedFields, List<AuditChange> changes, Supplier<T> idpCall,
                  Function<T, String> successDetail) {
        Intent intent = intent(changedFields, changes, Optional.empty());
        T result;
        try {
            result = idpCall.get();
        } catch (ApplicationException e) {
            intent.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), IfOutcomeLost.LOG);
            throw e;
        } catch (RuntimeException e) {
            intent.failed("unexpected " + e.getClass().getSimpleName(), IfOutcomeLost.LOG);
            throw e;
        }
        intent.succeeded(Optional.ofNullable(successDetail.apply(result)), IfOutcomeLost.LOG);
        return result;
    }

    private AuditRecord row(AuditDecision decision, AuditStatus status, Optional<String> ruleId,
                            Optional<String> message, List<String> changedFields, List<AuditChange> changes) {
        return new AuditRecord(clock.instant(), requestId, actorId, actorEmail, actorDepartment, action, targetId,
                targetEmail, decision, ruleId, message, changedFields, status, changes, targetDepartment,
                clientRequestId);
    }

    /** A committed intent, waiting for its outcome. */
    final class Intent {

        private final long eventId;

        private Intent(long eventId) {
            this.eventId = eventId;
        }

        long eventId() {
            return eventId;
        }

        void succeeded(Optional<String> detail, IfOutcomeLost ifLost) {
            complete(AuditStatus.SUCCEEDED, detail, ifLost);
        }

        void failed(String detail, IfOutcomeLost ifLost) {
            complete(AuditStatus.FAILED, Optional.of(detail), ifLost);
        }

        private void complete(AuditStatus outcome, Optional<String> detail, IfOutcomeLost ifLost) {
            try {
                trail.complete(eventId, outcome, detail);
            } catch (RuntimeException e) {
                if (ifLost == IfOutcomeLost.THROW) {
                    throw e;
                }
                LOG.log(System.Logger.Level.ERROR, "Audit outcome of event " + eventId + " not recorded", e);
            }
        }
    }
}
