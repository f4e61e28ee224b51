package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Filters and keyset position for reading the audit trail newest first. */
public record AuditQuery(
        Optional<String> actorId,
        Optional<String> targetId,
        Optional<AuditAction> action,
        Optional<AuditStatus> status,
        Optional<Instant> from,
        Optional<Instant> to,
        OptionalLong beforeId,
        int limit) {

    public static final int MAX_LIMIT = 200;

    public AuditQuery {
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(beforeId, "beforeId");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("1 <= limit <= " + MAX_LIMIT);
        }
    }
}
