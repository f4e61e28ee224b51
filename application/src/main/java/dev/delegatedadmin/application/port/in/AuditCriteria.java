package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit events a reader asks for: all given criteria must match. {@code status} is the effective status (the
 * outcome if any); {@code department} matches the actor's or the target's department; {@code from} is inclusive,
 * {@code to} not; {@code clientRequestId} is the {@code X-Request-Id} a client sent. The reader's scope is not here:
 * the use case adds it, a client never sets it.
 */
public record AuditCriteria(
        Optional<String> actorId,
        Optional<String> targetId,
        Optional<AuditAction> action,
        Optional<AuditDecision> decision,
        Optional<AuditStatus> status,
        Optional<String> rule,
        Optional<String> department,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> clientRequestId) {

    public static final AuditCriteria ANY = new AuditCriteria(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public AuditCriteria {
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(clientRequestId, "clientRequestId");
    }
}
