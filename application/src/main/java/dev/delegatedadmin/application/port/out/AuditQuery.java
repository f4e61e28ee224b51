package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Filters and keyset position for reading the audit trail newest first. {@code scope} is the reader's: a restricted
 * one matches only events whose actor or target department it includes (set by the use case, never by the client).
 */
public record AuditQuery(
        Optional<String> actorId,
        Optional<String> targetId,
        Optional<AuditAction> action,
        Optional<AuditStatus> status,
        Optional<Instant> from,
        Optional<Instant> to,
        OptionalLong beforeId,
        int limit,
        Optional<AuditDecision> decision,
        Optional<String> rule,
        Optional<String> department,
        Optional<String> clientRequestId,
        Scope scope) {

    public static final int MAX_LIMIT = 200;

    public AuditQuery {
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(beforeId, "beforeId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(clientRequestId, "clientRequestId");
        Objects.requireNonNull(scope, "scope");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("1 <= limit <= " + MAX_LIMIT);
        }
    }

    public static AuditQuery of(AuditFilter filter, OptionalLong beforeId, int limit) {
        return new AuditQuery(filter.actorId(), filter.targetId(), filter.action(), filter.status(), filter.from(),
                filter.to(), beforeId, limit, filter.decision(), filter.rule(), filter.department(),
                filter.clientRequestId(), filter.scope());
    }

    public AuditFilter filter() {
        return new AuditFilter(actorId, targetId, action, decision, status, rule, department, from, to,
                clientRequestId, scope);
    }

    public AuditQuery within(Scope readerScope) {
        return of(filter().within(readerScope), beforeId, limit);
    }
}
