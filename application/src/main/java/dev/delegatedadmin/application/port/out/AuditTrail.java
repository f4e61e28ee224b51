package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.util.Optional;

/**
 * The append-only record of every attempt. {@link #record} commits the row before it returns, so the
 * intent of an IdP write is durable before the IdP is called; {@link #complete} adds the outcome.
 */
public interface AuditTrail {

    /** Writes the attempt and returns its id. */
    long record(AuditRecord record);

    /** Adds the outcome of an attempt recorded as {@code PENDING}. {@code detail} must hold no secret. */
    void complete(long eventId, AuditStatus outcome, Optional<String> detail);

    AuditEventPage find(AuditQuery query);
}
