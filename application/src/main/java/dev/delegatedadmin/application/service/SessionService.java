package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.AuthenticationFailedException;
import dev.delegatedadmin.application.error.TooManyAttemptsException;
import dev.delegatedadmin.application.port.in.LogInUseCase;
import dev.delegatedadmin.application.port.in.ProcessLoginUseCase;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.CredentialVerifier;
import dev.delegatedadmin.application.port.out.TokenIssuer;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.login.LoginEvent;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Local log-in: throttle, verify the password, issue a token, audit the attempt. A successful login first runs the
 * login rules (the local door of {@link ProcessLoginUseCase}); their failure never fails the login.
 */
public final class SessionService implements LogInUseCase {

    static final String WRONG_CREDENTIALS = "Wrong email or password.";
    static final String BLOCKED = "This user is blocked.";
    /** Auth0's strategy name for a database connection, so that one rule set fits both IdPs. */
    static final String DATABASE_STRATEGY = "auth0";

    private static final System.Logger LOG = System.getLogger(SessionService.class.getName());

    private final CredentialVerifier credentialVerifier;
    private final TokenIssuer tokenIssuer;
    private final RecordAuditEvents auditTrail;
    private final Clock clock;
    private final LoginThrottleService throttle;
    private final Optional<ProcessLoginUseCase> loginRules;

    public SessionService(CredentialVerifier credentialVerifier, TokenIssuer tokenIssuer, RecordAuditEvents auditTrail, Clock clock,
                          LoginThrottleService throttle, Optional<ProcessLoginUseCase> loginRules) {
        this.credentialVerifier = credentialVerifier;
        this.tokenIssuer = tokenIssuer;
        this.auditTrail = auditTrail;
        this.clock = clock;
        this.throttle = throttle;
        this.loginRules = loginRules;
    }

    /**
     * A locked account or address is refused before the password is hashed (a flood costs one read per attempt,
     * not one Argon2 check). Known and unknown emails are counted and locked alike.
     */
    @Override
    public SessionToken logIn(Email email, Password password, String clientAddress, Optional<String> requestId,
                              Optional<String> clientRequestId) {
        Ids ids = new Ids(requestId, clientRequestId);
        Optional<Duration> refused = throttle.refusal(email, clientAddress);
        if (refused.isPresent()) {
            throw new TooManyAttemptsException(LoginThrottleService.LOCKED, refused.get(), false);
        }
        return switch (throttle.checkPassword(() -> credentialVerifier.verify(email, password))) {
            case CredentialVerifier.Result.Authenticated(User user) -> {
                throttle.succeeded(email);
                // Before the token: a rule that changes the user's roles bumps the credential version it carries.
                loginRules.ifPresent(rules -> provision(rules, user, requestId));
                TokenIssuer.AccessToken issued = tokenIssuer.issue(user);
                audit(ids, Optional.of(user), email).done(Optional.empty(), Optional.empty());
                yield new SessionToken(issued.value(), issued.expiresIn());
            }
            case CredentialVerifier.Result.Blocked(User user) -> {
                audit(ids, Optional.of(user), email).denied("user-blocked", BLOCKED);
                throw new AuthenticationFailedException(BLOCKED);
            }
            case CredentialVerifier.Result.WrongCredentials() -> throw wrongCredentials(email, clientAddress, ids);
        };
    }

    /** Only the first failure of a window and the locks are audited; the throttle row counts the others. */
    private RuntimeException wrongCredentials(Email email, String clientAddress, Ids ids) {
        LoginThrottleService.Failure failure = throttle.failed(email, clientAddress);
        if (failure.firstOfWindow()) {
            audit(ids, Optional.empty(), email).denied("wrong-credentials", WRONG_CREDENTIALS);
        }
        failure.accountLockedNow().ifPresent(counter -> auditLock(ids, Optional.of(email.value()),
                "Account locked until " + counter.lockedUntil().orElseThrow() + " after " + counter.failures()
                        + " failed log-ins (" + counter.unaudited() + " of them counted without an audit row)."));
        failure.addressLockedNow().ifPresent(counter -> auditLock(ids, Optional.empty(),
                "Client address " + clientAddress + " locked until " + counter.lockedUntil().orElseThrow() + " after "
                        + counter.failures() + " failed log-ins."));
        return failure.retryAfter()
                .<RuntimeException>map(wait -> new TooManyAttemptsException(LoginThrottleService.LOCKED, wait, false))
                .orElseGet(() -> new AuthenticationFailedException(WRONG_CREDENTIALS));
    }

    /** The server's request id and the one the client sent, carried together to every row of one attempt. */
    private record Ids(Optional<String> requestId, Optional<String> clientRequestId) {
    }

    private void auditLock(Ids ids, Optional<String> email, String message) {
        AuditAttempt.self(auditTrail, clock, AuditAction.SESSION_LOCK, ids.requestId(), ids.clientRequestId(),
                Optional.empty(), email, Optional.empty()).denied(LoginThrottleService.BRUTE_FORCE_RULE, message);
    }

    /** The local directory's one database connection; its name is its id, as the local directory has no other. */
    private static void provision(ProcessLoginUseCase rules, User user, Optional<String> requestId) {
        try {
            LoginEvent event = new LoginEvent(user.id(), Optional.of(user.email().value()), user.appMetadata(),
                    new LoginEvent.Connection(user.connection().value(), user.connection().value(), DATABASE_STRATEGY),
                    Optional.empty(), Math.max(1, user.loginsCount()));
            rules.process(event, ProcessLoginUseCase.Door.LOCAL_SESSION, requestId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Login rules failed for " + user.id().value(), e);
        }
    }

    /** The one logging in is both actor and target; an unknown email is recorded as attempted. */
    private AuditAttempt audit(Ids ids, Optional<User> user, Email attempted) {
        return AuditAttempt.self(auditTrail, clock, AuditAction.SESSION_CREATE, ids.requestId(), ids.clientRequestId(),
                user.map(u -> u.id().value()), Optional.of(attempted.value()),
                user.flatMap(User::department).map(Department::name));
    }
}
