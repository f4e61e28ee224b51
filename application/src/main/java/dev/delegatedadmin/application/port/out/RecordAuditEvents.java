package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.util.Optional;

/**
 * Writing the append-only record of every attempt. {@link #record} commits the row before it returns, so the
 * intent of an IdP write is durable before the IdP is called; {@link #complete} adds the outcome.
 */
public interface RecordAuditEvents {

    /**
     * A create's outcome detail is this and the new user's id. The row is written before the IdP assigns the id and
     * is never updated, so an audit trail reports that id as the row's target ({@code target_id}) and finds the row
     * by it.
     */
    String CREATED_USER_DETAIL = "user_id=";

    /** Writes the attempt and returns its id. */
    long record(AuditRecord record);

    /** Adds the outcome of an attempt recorded as {@code PENDING}. {@code detail} must hold no secret. */
    void complete(long eventId, AuditStatus outcome, Optional<String> detail);
}
