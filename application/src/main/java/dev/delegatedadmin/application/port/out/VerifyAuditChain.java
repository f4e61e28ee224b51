package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.audit.AuditVerification;

/** Checking the audit trail's hash chain: only a trail that keeps one implements this. */
public interface VerifyAuditChain {

    /** Walks the hash chain from its start and reports the first broken link. */
    AuditVerification verify();
}
