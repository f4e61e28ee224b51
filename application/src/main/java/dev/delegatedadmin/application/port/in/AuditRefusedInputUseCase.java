package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * A write refused before any rule ran because its input cannot be stored (U+0000, unpaired surrogates): the attempt
 * still goes into the audit trail when the caller is known. The row names the fields, never their values.
 */
public interface AuditRefusedInputUseCase {

    /** The rule id of such a row. */
    String INVALID_INPUT = "invalid-input";

    /** Records the refused attempt and returns the 400 to throw. */
    InvalidInputException refused(Caller caller, AuditAction action, Optional<UserId> target, List<FieldError> errors);
}
