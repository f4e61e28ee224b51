package dev.delegatedadmin.domain.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A stored attempt with its outcome, if the IdP has answered. */
public record AuditEvent(
        long id,
        AuditRecord record,
        AuditStatus status,
        Optional<String> outcomeDetail,
        Optional<Instant> completedAt) {

    public AuditEvent {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(outcomeDetail, "outcomeDetail");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
