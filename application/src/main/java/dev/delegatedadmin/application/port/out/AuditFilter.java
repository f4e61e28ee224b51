package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit events: all given filters must match. {@code status} is the effective status (the outcome if any);
 * {@code department} matches the actor's or the target's department; {@code from} is inclusive, {@code to} not;
 * {@code clientRequestId} is the {@code X-Request-Id} a client sent.
 */
public record AuditFilter(
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

    public static final AuditFilter NONE = new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Without a client request id. */
    public AuditFilter(Optional<String> actorId, Optional<String> targetId, Optional<AuditAction> action,
                       Optional<AuditDecision> decision, Optional<AuditStatus> status, Optional<String> rule,
                       Optional<String> department, Optional<Instant> from, Optional<Instant> to) {
        this(actorId, targetId, action, decision, status, rule, department, from, to, Optional.empty());
    }

    public AuditFilter {
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
