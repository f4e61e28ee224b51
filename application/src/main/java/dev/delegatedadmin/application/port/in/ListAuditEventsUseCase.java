package dev.delegatedadmin.application.port.in;

public interface ListAuditEventsUseCase {

    /** Operators and administrators only. */
    AuditEventsPage list(Caller caller, AuditEventsQuery query);
}
