package dev.delegatedadmin.domain.audit;

/** The policy's answer to an attempt. */
public enum AuditDecision {
    ALLOWED, DENIED
}
