package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.ApplicationException;
import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.out.AuditTrail;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditChange;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One write attempt's audit: a denial is one row; an allowed write is an intent row committed before the
 * IdP is called, then its outcome. Built per attempt, so it carries who, what and on whom.
 */
final class AttemptAudit {

    private static final System.Logger LOG = System.getLogger(AttemptAudit.class.getName());

    private final AuditTrail trail;
    private final Clock clock;
    private final Caller caller;
    private final AuditAction action;
    private Optional<String> targetId = Optional.empty();
    private Optional<String> targetEmail = Optional.empty();
    private Optional<String> targetDepartment = Optional.empty();

    AttemptAudit(AuditTrail trail, Clock clock, Caller caller, AuditAction action) {
        this.trail = trail;
        this.clock = clock;
        this.caller = caller;
        this.action = action;
    }

    AttemptAudit target(String id, String email) {
        this.targetId = Optional.ofNullable(id);
        this.targetEmail = Optional.ofNullable(email);
        return this;
    }

    /** The department the target is in (update, delete) or goes to (create), for filtering the trail. */
    AttemptAudit targetDepartment(Optional<String> department) {
        this.targetDepartment = department;
        return this;
    }

    /** Records the denial and returns the exception to throw. */
    DeniedException denied(String rule, String message) {
        trail.record(record(AuditDecision.DENIED, Optional.of(rule), Optional.of(message), List.of(), AuditStatus.DENIED));
        return new DeniedException(rule, message);
    }

    void noChange() {
        trail.record(record(AuditDecision.ALLOWED, Optional.empty(), Optional.empty(), List.of(), AuditStatus.NO_CHANGE));
    }

    /**
     * Commits the intent, runs the IdP call, then records its outcome. A failure is recorded and rethrown;
     * {@code detail} of an outcome never holds a secret (IdP error messages are about the request shape).
     */
    <T> T allowed(List<String> changedFields, Supplier<T> idpCall, java.util.function.Function<T, String> successDetail) {
        return allowed(changedFields, List.of(), idpCall, successDetail);
    }

    /** As above, with the before/after values of the change ({@link AuditChange}s, secrets already redacted). */
    <T> T allowed(List<String> changedFields, List<AuditChange> changes, Supplier<T> idpCall,
                  java.util.function.Function<T, String> successDetail) {
        long eventId = trail.record(record(AuditDecision.ALLOWED, Optional.empty(), Optional.empty(), changedFields,
                AuditStatus.PENDING).withChanges(changes));
        T result;
        try {
            result = idpCall.get();
        } catch (ApplicationException e) {
            failed(eventId, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            failed(eventId, "unexpected " + e.getClass().getSimpleName());
            throw e;
        }
        try {
            trail.complete(eventId, AuditStatus.SUCCEEDED, Optional.ofNullable(successDetail.apply(result)));
        } catch (RuntimeException e) {
            // The IdP has made the change: report success. The intent stays pending, visibly unfinished.
            LOG.log(System.Logger.Level.ERROR, "Audit outcome of event " + eventId + " not recorded", e);
        }
        return result;
    }

    /** The caller learns about the IdP's failure even if its outcome cannot be recorded (the intent stays visible). */
    private void failed(long eventId, String detail) {
        try {
            trail.complete(eventId, AuditStatus.FAILED, Optional.of(detail));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Audit outcome of event " + eventId + " not recorded", e);
        }
    }

    private AuditRecord record(AuditDecision decision, Optional<String> rule, Optional<String> message,
                               List<String> changedFields, AuditStatus status) {
        return new AuditRecord(
                clock.instant(),
                caller.requestId(),
                Optional.of(caller.actor().id().value()),
                Optional.ofNullable(caller.actor().email()),
                caller.actor().department().map(Department::name),
                action,
                targetId,
                targetEmail,
                decision,
                rule,
                message,
                changedFields,
                status,
                List.of(),
                targetDepartment,
                caller.clientRequestId());
    }
}
