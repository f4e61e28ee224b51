package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.AuthenticationFailedException;
import dev.delegatedadmin.application.error.TooManyAttemptsException;
import dev.delegatedadmin.application.port.in.LogInUseCase;
import dev.delegatedadmin.application.port.in.ProcessLoginUseCase;
import dev.delegatedadmin.application.port.out.AuditTrail;
import dev.delegatedadmin.application.port.out.CredentialVerifier;
import dev.delegatedadmin.application.port.out.TokenIssuer;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
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
    private final AuditTrail auditTrail;
    private final Clock clock;
    private final LoginThrottleService throttle;
    private final Optional<ProcessLoginUseCase> loginRules;

    public SessionService(CredentialVerifier credentialVerifier, TokenIssuer tokenIssuer, AuditTrail auditTrail, Clock clock,
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
    public SessionToken logIn(Email email, Password password, String clientAddress, Optional<String> requestId) {
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
                audit(requestId, Optional.of(user), email, AuditDecision.ALLOWED, Optional.empty(), Optional.empty(),
                        AuditStatus.SUCCEEDED);
                yield new SessionToken(issued.value(), issued.expiresIn());
            }
            case CredentialVerifier.Result.Blocked(User user) -> {
                audit(requestId, Optional.of(user), email, AuditDecision.DENIED, Optional.of("user-blocked"),
                        Optional.of(BLOCKED), AuditStatus.DENIED);
                throw new AuthenticationFailedException(BLOCKED);
            }
            case CredentialVerifier.Result.WrongCredentials() -> throw wrongCredentials(email, clientAddress, requestId);
        };
    }

    /** Only the first failure of a window and the locks are audited; the throttle row counts the others. */
    private RuntimeException wrongCredentials(Email email, String clientAddress, Optional<String> requestId) {
        LoginThrottleService.Failure failure = throttle.failed(email, clientAddress);
        if (failure.firstOfWindow()) {
            audit(requestId, Optional.empty(), email, AuditDecision.DENIED, Optional.of("wrong-credentials"),
                    Optional.of(WRONG_CREDENTIALS), AuditStatus.DENIED);
        }
        failure.accountLockedNow().ifPresent(counter -> auditLock(requestId, Optional.of(email.value()),
                "Account locked until " + counter.lockedUntil().orElseThrow() + " after " + counter.failures()
                        + " failed log-ins (" + counter.unaudited() + " of them counted without an audit row)."));
        failure.addressLockedNow().ifPresent(counter -> auditLock(requestId, Optional.empty(),
                "Client address " + clientAddress + " locked until " + counter.lockedUntil().orElseThrow() + " after "
                        + counter.failures() + " failed log-ins."));
        return failure.retryAfter()
                .<RuntimeException>map(wait -> new TooManyAttemptsException(LoginThrottleService.LOCKED, wait, false))
                .orElseGet(() -> new AuthenticationFailedException(WRONG_CREDENTIALS));
    }

    private void auditLock(Optional<String> requestId, Optional<String> email, String message) {
        auditTrail.record(new AuditRecord(clock.instant(), requestId, Optional.empty(), email, Optional.empty(),
                AuditAction.SESSION_LOCK, Optional.empty(), email, AuditDecision.DENIED,
                Optional.of(LoginThrottleService.BRUTE_FORCE_RULE), Optional.of(message), List.of(), AuditStatus.DENIED));
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
