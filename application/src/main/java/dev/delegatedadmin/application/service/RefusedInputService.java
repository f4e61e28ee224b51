package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.application.port.in.AuditRefusedInputUseCase;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Audits writes refused for input that cannot be stored; see {@link AuditRefusedInputUseCase}. */
public final class RefusedInputService implements AuditRefusedInputUseCase {

    private final RecordAuditEvents auditTrail;
    private final Clock clock;

    public RefusedInputService(RecordAuditEvents auditTrail, Clock clock) {
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Override
    public InvalidInputException refused(Caller caller, AuditAction action, Optional<UserId> target,
                                         List<FieldError> errors) {
        AuditAttempt.by(auditTrail, clock, caller, action).target(target.map(UserId::value), Optional.empty())
                .invalidInput(errors.stream().map(FieldError::field).toList());
        return new InvalidInputException(errors);
    }
}
