package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.ExportAuditEventsUseCase;
import dev.delegatedadmin.application.port.in.ListAuditEventsUseCase;
import dev.delegatedadmin.application.port.in.VerifyAuditTrailUseCase;
import dev.delegatedadmin.application.port.in.AuditCriteria;
import dev.delegatedadmin.application.port.in.AuditEventsPage;
import dev.delegatedadmin.application.port.in.AuditEventsQuery;
import dev.delegatedadmin.application.port.out.AuditEventPage;
import dev.delegatedadmin.application.port.out.AuditFilter;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.application.port.out.ExportAuditEvents;
import dev.delegatedadmin.application.port.out.QueryAuditEvents;
import dev.delegatedadmin.application.port.out.VerifyAuditChain;
import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditVerification;

/**
 * Reading the audit trail: operators and administrators, each within their scope (the same scope as for users: an
 * event is in it when its actor's or its target's department is; one with neither department only for an
 * unrestricted scope). The scope goes into the query itself; out-of-scope events are simply absent. Verifying the
 * chain: administrators.
 */
public final class AuditQueryService implements ListAuditEventsUseCase, ExportAuditEventsUseCase,
        VerifyAuditTrailUseCase {

    private final QueryAuditEvents queries;
    private final ExportAuditEvents exports;
    private final VerifyAuditChain chain;
    private final PolicyStore policyStore;

    public AuditQueryService(QueryAuditEvents queries, ExportAuditEvents exports, VerifyAuditChain chain,
                             PolicyStore policyStore) {
        this.queries = queries;
        this.exports = exports;
        this.chain = chain;
        this.policyStore = policyStore;
    }

    @Override
    public AuditEventsPage list(Caller caller, AuditEventsQuery query) {
        requireRole(caller, Role.OPERATOR);
        AuditFilter scoped = scoped(query.criteria(), caller);
        AuditEventPage page = queries.find(AuditQuery.of(scoped, query.beforeId(), query.limit()));
        return new AuditEventsPage(page.events().stream().map(e -> seenWithin(scoped, e)).toList(),
                page.nextBeforeId());
    }

    @Override
    public AuditExport export(Caller caller, AuditCriteria criteria) {
        requireRole(caller, Role.OPERATOR);
        AuditFilter scoped = scoped(criteria, caller);
        return new AuditExport(sink -> exports.export(scoped, e -> sink.accept(seenWithin(scoped, e))));
    }

    @Override
    public AuditVerification verify(Caller caller) {
        requireRole(caller, Role.ADMINISTRATOR);
        return chain.verify();
    }

    /** The reader's criteria within the reader's scope: the scope comes from here, never from the client. */
    private AuditFilter scoped(AuditCriteria c, Caller caller) {
        Scope scope = Scope.of(caller.actor(), policyStore.activePolicy().departments());
        return new AuditFilter(c.actorId(), c.targetId(), c.action(), c.decision(), c.status(), c.rule(),
                c.department(), c.from(), c.to(), c.clientRequestId(), scope);
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
