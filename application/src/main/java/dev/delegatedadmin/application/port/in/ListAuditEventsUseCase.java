package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.application.port.out.AuditEventPage;
import dev.delegatedadmin.application.port.out.AuditQuery;

public interface ListAuditEventsUseCase {

    /** Operators and administrators only. */
    AuditEventPage list(Caller caller, AuditQuery query);
}
