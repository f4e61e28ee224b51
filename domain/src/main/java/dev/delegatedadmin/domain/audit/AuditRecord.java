package dev.delegatedadmin.domain.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt as written before the IdP is called: who, on whom, what, the decision. {@code changedFields}
 * holds field names only; {@code changes} holds before/after values of the non-secret ones (secret ones are
 * redacted, see {@link SecretFields}). {@code targetDepartment} is the target user's department when known.
 * {@code requestId} is always the service's own; {@code clientRequestId} is what the client sent as
 * {@code X-Request-Id}, kept apart so that a client cannot make its row share a real request's id.
 */
public record AuditRecord(
        Instant occurredAt,
        Optional<String> requestId,
        Optional<String> actorId,
        Optional<String> actorEmail,
        Optional<String> actorDepartment,
        AuditAction action,
        Optional<String> targetId,
        Optional<String> targetEmail,
        AuditDecision decision,
        Optional<String> rule,
        Optional<String> message,
        List<String> changedFields,
        AuditStatus status,
        List<AuditChange> changes,
        Optional<String> targetDepartment,
        Optional<String> clientRequestId) {

    public AuditRecord {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorEmail, "actorEmail");
        Objects.requireNonNull(actorDepartment, "actorDepartment");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(targetEmail, "targetEmail");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        changedFields = List.copyOf(changedFields);
        Objects.requireNonNull(status, "status");
        changes = List.copyOf(changes);
        Objects.requireNonNull(targetDepartment, "targetDepartment");
        Objects.requireNonNull(clientRequestId, "clientRequestId");
        if (decision == AuditDecision.DENIED && status != AuditStatus.DENIED) {
            throw new IllegalArgumentException("A denied attempt ends as denied.");
        }
    }

    public AuditRecord withChanges(List<AuditChange> values) {
        return new AuditRecord(occurredAt, requestId, actorId, actorEmail, actorDepartment, action, targetId, targetEmail,
                decision, rule, message, changedFields, status, values, targetDepartment, clientRequestId);
    }

    public AuditRecord withTargetDepartment(Optional<String> department) {
        return new AuditRecord(occurredAt, requestId, actorId, actorEmail, actorDepartment, action, targetId, targetEmail,
                decision, rule, message, changedFields, status, changes, department, clientRequestId);
    }

    public AuditRecord withClientRequestId(Optional<String> id) {
        return new AuditRecord(occurredAt, requestId, actorId, actorEmail, actorDepartment, action, targetId, targetEmail,
                decision, rule, message, changedFields, status, changes, targetDepartment, id);
    }

    /**
     * For a reader who may see the actor's attempt but not its target user: the target's id stays (it is what the
     * actor sent), its email, department and before/after values go. So does the client's request id, as it always
     * has (a shorter constructor used to drop it here; kept so that nothing a reader sees changes).
     */
    public AuditRecord withTargetIdOnly() {
        return new AuditRecord(occurredAt, requestId, actorId, actorEmail, actorDepartment, action, targetId,
                Optional.empty(), decision, rule, message, changedFields, status, List.of(), Optional.empty(),
                Optional.empty());
    }
}
