package dev.delegatedadmin.domain.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt as written before the IdP is called: who, on whom, what, the decision. {@code changedFields}
 * holds field names only, never values, so no secret can reach the audit trail through it.
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
        AuditStatus status) {

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
        if (decision == AuditDecision.DENIED && status != AuditStatus.DENIED) {
            throw new IllegalArgumentException("A denied attempt ends as denied.");
        }
    }
}
