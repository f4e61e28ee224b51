package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.port.in.LocalTokensUseCase;
import dev.delegatedadmin.application.port.out.AuditTrail;
import dev.delegatedadmin.application.port.out.CredentialVersions;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** A local token is good while its credential version is the user's current one; logout bumps it. */
public final class LocalTokenService implements LocalTokensUseCase {

    private final CredentialVersions versions;
    private final AuditTrail auditTrail;
    private final Clock clock;

    public LocalTokenService(CredentialVersions versions, AuditTrail auditTrail, Clock clock) {
        this.versions = versions;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Override
    public boolean isCurrent(UserId subject, long credentialVersion) {
        return versions.current(subject).stream().anyMatch(current -> current == credentialVersion);
    }

    @Override
    public void logOut(Actor actor, Optional<String> requestId) {
        versions.bump(actor.id());
        Optional<String> id = Optional.of(actor.id().value());
        Optional<String> email = Optional.ofNullable(actor.email());
        Optional<String> department = actor.department().map(Department::name);
        auditTrail.record(new AuditRecord(clock.instant(), requestId, id, email, department, AuditAction.SESSION_DELETE,
                id, email, AuditDecision.ALLOWED, Optional.empty(), Optional.of("Every token of the user revoked."),
                List.of(), AuditStatus.SUCCEEDED).withTargetDepartment(department));
    }
}
