package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.audit.AuditVerification;

public interface VerifyAuditTrailUseCase {

    /** Administrators only. */
    AuditVerification verify(Caller caller);
}
