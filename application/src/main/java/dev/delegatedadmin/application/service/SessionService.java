package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.AuthenticationFailedException;
import dev.delegatedadmin.application.port.in.LogInUseCase;
import dev.delegatedadmin.application.port.out.AuditTrail;
import dev.delegatedadmin.application.port.out.CredentialVerifier;
import dev.delegatedadmin.application.port.out.TokenIssuer;
import dev.delegatedadmin.application.port.out.TokenIssuer.AccessToken;
import dev.delegatedadmin.application.port.out.TokenIssuer.VerificationKey;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Local log-in: verify the password, issue a token, audit the attempt either way. */
public final class SessionService implements LogInUseCase {

    static final String WRONG_CREDENTIALS = "Wrong email or password.";
    static final String BLOCKED = "This user is blocked.";

    private final CredentialVerifier credentialVerifier;
    private final TokenIssuer tokenIssuer;
    private final AuditTrail auditTrail;
    private final Clock clock;

    public SessionService(CredentialVerifier credentialVerifier, TokenIssuer tokenIssuer, AuditTrail auditTrail, Clock clock) {
        this.credentialVerifier = credentialVerifier;
        this.tokenIssuer = tokenIssuer;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Override
    public AccessToken logIn(Email email, Password password, Optional<String> requestId) {
        return switch (credentialVerifier.verify(email, password)) {
            case CredentialVerifier.Result.Authenticated(User user) -> {
                AccessToken token = tokenIssuer.issue(user);
                audit(requestId, Optional.of(user), email, AuditDecision.ALLOWED, Optional.empty(), Optional.empty(),
                        AuditStatus.SUCCEEDED);
                yield token;
            }
            case CredentialVerifier.Result.Blocked(User user) -> {
                audit(requestId, Optional.of(user), email, AuditDecision.DENIED, Optional.of("user-blocked"),
                        Optional.of(BLOCKED), AuditStatus.DENIED);
                throw new AuthenticationFailedException(BLOCKED);
            }
            case CredentialVerifier.Result.WrongCredentials() -> {
                audit(requestId, Optional.empty(), email, AuditDecision.DENIED, Optional.of("wrong-credentials"),
                        Optional.of(WRONG_CREDENTIALS), AuditStatus.DENIED);
                throw new AuthenticationFailedException(WRONG_CREDENTIALS);
            }
        };
    }

    @Override
    public List<VerificationKey> verificationKeys() {
        return tokenIssuer.verificationKeys();
    }

    /** The one logging in is both actor and target; an unknown email is recorded as attempted. */
    private void audit(Optional<String> requestId, Optional<User> user, Email attempted, AuditDecision decision,
                       Optional<String> rule, Optional<String> message, AuditStatus status) {
        Optional<String> userId = user.map(u -> u.id().value());
        auditTrail.record(new AuditRecord(
                clock.instant(),
                requestId,
                userId,
                Optional.of(attempted.value()),
                user.flatMap(User::department).map(Department::name),
                AuditAction.SESSION_CREATE,
                userId,
                Optional.of(attempted.value()),
                decision,
                rule,
                message,
                List.of(),
                status));
    }
}
