package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.application.port.out.AuditVerification;

public interface VerifyAuditTrailUseCase {

    /** Administrators only. */
    AuditVerification verify(Caller caller);
}
