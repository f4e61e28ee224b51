package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.port.in.LocalTokensUseCase;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.CredentialVersions;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.util.Optional;

/** A local token is good while its credential version is the user's current one; logout bumps it. */
public final class LocalTokenService implements LocalTokensUseCase {

    private final CredentialVersions versions;
    private final RecordAuditEvents auditTrail;
    private final Clock clock;

    public LocalTokenService(CredentialVersions versions, RecordAuditEvents auditTrail, Clock clock) {
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
        AuditAttempt.self(auditTrail, clock, AuditAction.SESSION_DELETE, requestId, Optional.empty(), id, email, department)
                .targetDepartment(department).done(Optional.empty(), Optional.of("Every token of the user revoked."));
    }
}
