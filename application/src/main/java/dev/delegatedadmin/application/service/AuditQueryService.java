package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.ListAuditEventsUseCase;
import dev.delegatedadmin.application.port.out.AuditEventPage;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.application.port.out.AuditTrail;
import dev.delegatedadmin.domain.actor.Role;

/** Reading the audit trail: operators and administrators. */
public final class AuditQueryService implements ListAuditEventsUseCase {

    private final AuditTrail auditTrail;

    public AuditQueryService(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    @Override
    public AuditEventPage list(Caller caller, AuditQuery query) {
        Authorization.missingRole(caller.actor(), Role.OPERATOR).ifPresent(message -> {
            throw new DeniedException(Authorization.ROLE_REQUIRED, message);
        });
        return auditTrail.find(query);
    }
}
