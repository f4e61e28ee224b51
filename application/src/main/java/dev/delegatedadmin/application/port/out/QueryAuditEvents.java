package dev.delegatedadmin.application.port.out;

/** Reading the audit trail a page at a time, newest first. */
public interface QueryAuditEvents {

    AuditEventPage find(AuditQuery query);
}
