package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.ExportAuditEventsUseCase;
import dev.delegatedadmin.application.port.in.ListAuditEventsUseCase;
import dev.delegatedadmin.application.port.in.VerifyAuditTrailUseCase;
import dev.delegatedadmin.application.port.out.AuditEventPage;
import dev.delegatedadmin.application.port.out.AuditFilter;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.application.port.out.AuditTrail;
import dev.delegatedadmin.application.port.out.AuditVerification;
import dev.delegatedadmin.domain.actor.Role;

/** Reading the audit trail: operators and administrators; verifying its chain: administrators. */
public final class AuditQueryService implements ListAuditEventsUseCase, ExportAuditEventsUseCase,
        VerifyAuditTrailUseCase {

    private final AuditTrail auditTrail;

    public AuditQueryService(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    @Override
    public AuditEventPage list(Caller caller, AuditQuery query) {
        requireRole(caller, Role.OPERATOR);
        return auditTrail.find(query);
    }

    @Override
    public AuditExport export(Caller caller, AuditFilter filter) {
        requireRole(caller, Role.OPERATOR);
        return new AuditExport(sink -> auditTrail.export(filter, sink));
    }

    @Override
    public AuditVerification verify(Caller caller) {
        requireRole(caller, Role.ADMINISTRATOR);
        return auditTrail.verify();
    }

    private static void requireRole(Caller caller, Role role) {
        Authorization.missingRole(caller.actor(), role).ifPresent(message -> {
            throw new DeniedException(Authorization.ROLE_REQUIRED, message);
        });
    }
}
