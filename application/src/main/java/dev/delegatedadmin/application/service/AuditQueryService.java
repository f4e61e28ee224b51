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
import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.audit.AuditEvent;

/**
 * Reading the audit trail: operators and administrators, each within their scope (the same scope as for users: an
 * event is in it when its actor's or its target's department is; one with neither department only for an
 * unrestricted scope). The scope goes into the query itself; out-of-scope events are simply absent. Verifying the
 * chain: administrators.
 */
public final class AuditQueryService implements ListAuditEventsUseCase, ExportAuditEventsUseCase,
        VerifyAuditTrailUseCase {

    private final AuditTrail auditTrail;
    private final PolicyStore policyStore;

    public AuditQueryService(AuditTrail auditTrail, PolicyStore policyStore) {
        this.auditTrail = auditTrail;
        this.policyStore = policyStore;
    }

    @Override
    public AuditEventPage list(Caller caller, AuditQuery query) {
        requireRole(caller, Role.OPERATOR);
        AuditQuery scoped = query.within(scopeOf(caller));
        AuditEventPage page = auditTrail.find(scoped);
        return new AuditEventPage(page.events().stream().map(e -> seenWithin(scoped.filter(), e)).toList(),
                page.nextBeforeId());
    }

    @Override
    public AuditExport export(Caller caller, AuditFilter filter) {
        requireRole(caller, Role.OPERATOR);
        AuditFilter scoped = filter.within(scopeOf(caller));
        return new AuditExport(sink -> auditTrail.export(scoped, e -> sink.accept(seenWithin(scoped, e))));
    }

    @Override
    public AuditVerification verify(Caller caller) {
        requireRole(caller, Role.ADMINISTRATOR);
        return auditTrail.verify();
    }

    private Scope scopeOf(Caller caller) {
        return Scope.of(caller.actor(), policyStore.activePolicy().departments());
    }

    /** An event in scope through its actor only shows its target's id, not who or where the target is. */
    private static AuditEvent seenWithin(AuditFilter scoped, AuditEvent event) {
        return event.record().targetDepartment().filter(name -> !scoped.showsDepartment(name)).isPresent()
                ? new AuditEvent(event.id(), event.record().withTargetIdOnly(), event.status(), event.outcomeDetail(),
                        event.completedAt())
                : event;
    }

    private static void requireRole(Caller caller, Role role) {
        Authorization.missingRole(caller.actor(), role).ifPresent(message -> {
            throw new DeniedException(Authorization.ROLE_REQUIRED, message);
        });
    }
}
