package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which audit events: all given filters must match. {@code status} is the effective status (the outcome if any);
 * {@code department} matches the actor's or the target's department; {@code from} is inclusive, {@code to} not;
 * {@code clientRequestId} is the {@code X-Request-Id} a client sent.
 * {@code scope} is the reader's (see {@link AuditQuery}): set by the use case, never by the client.
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
        Optional<String> clientRequestId,
        Scope scope) {

    /** Everything, unscoped: for maintenance and tests, never for a reader (whose scope the use case sets). */
    public static final AuditFilter NONE = new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Scope.all(Set.of()));

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
        Objects.requireNonNull(scope, "scope");
    }

    /**
     * Whether the reader may see (and so filter on) a target in this department. An event in scope through its actor
     * only shows its target's id, not the target's department: a probe of an out-of-scope id must not reveal it.
     */
    public boolean showsDepartment(String name) {
        return scope.all() || scope.departments().stream().map(Department::name).anyMatch(name::equals);
    }

    public AuditFilter within(Scope readerScope) {
        return new AuditFilter(actorId, targetId, action, decision, status, rule, department, from, to,
                clientRequestId, readerScope);
    }
}
