package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.ApplicationException;
import dev.delegatedadmin.application.port.in.ProcessLoginUseCase;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.LoginProvisioning;
import dev.delegatedadmin.application.port.out.LoginRuleLedger;
import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.login.LoginEvent;
import dev.delegatedadmin.domain.policy.document.LoginRule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the active login rules in order. IdP actions (organization, roles) go through the ledger: only the login that
 * claims (user, rule) calls the IdP, so duplicates, refresh-token exchanges and concurrent copies act once. Metadata
 * needs no ledger: only keys that differ from the user's are set, which is idempotent by itself.
 */
public final class LoginProvisioningService implements ProcessLoginUseCase {

    static final String CONDITION_NOT_MET = "condition-not-met";
    static final String ALREADY_APPLIED = "already-applied";
    static final String ALREADY_SET = "already-set";
    static final String CONNECTION_NOT_ENABLED = "connection-not-enabled";

    private static final System.Logger LOG = System.getLogger(LoginProvisioningService.class.getName());

    private final PolicyStore policies;
    private final LoginProvisioning idp;
    private final LoginRuleLedger ledger;
    private final RecordAuditEvents auditTrail;
    private final Clock clock;

    public LoginProvisioningService(PolicyStore policies, LoginProvisioning idp, LoginRuleLedger ledger,
                                    RecordAuditEvents auditTrail, Clock clock) {
        this.policies = policies;
        this.idp = idp;
        this.ledger = ledger;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Override
    public LoginOutcome process(LoginEvent event, Door door, Optional<String> requestId) {
        List<LoginRule> rules = policies.activeDocument().loginRules();
        List<RuleResult> results = new ArrayList<>();
        Map<String, Object> appMetadata = new LinkedHashMap<>();
        Set<String> retries = rules.stream().anyMatch(r -> !(r.action() instanceof LoginRule.SetAppMetadata))
                ? retriesPending(event) : Set.of();
        for (LoginRule rule : rules) {
            Attempt attempt = new Attempt(rule, event, requestId);
            try {
                results.add(run(attempt, door, retries.contains(rule.id()), appMetadata));
            } catch (RuntimeException e) {
                // Our own failure (e.g. the database): this rule fails, the others still run.
                LOG.log(System.Logger.Level.ERROR, "Login rule " + rule.id() + " failed unexpectedly", e);
                results.add(new RuleResult(rule.id(), Status.FAILED, Optional.of("Unexpected error.")));
            }
        }
        return new LoginOutcome(results, appMetadata);
    }

    /** A ledger failure here must not fail the whole event: each rule then meets it (and fails) on its own. */
    private Set<String> retriesPending(LoginEvent event) {
        try {
            return ledger.retriesPending(event.userId().value());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Pending login-rule retries could not be read", e);
            return Set.of();
        }
    }

    private RuleResult run(Attempt attempt, Door door, boolean retrying, Map<String, Object> appMetadata) {
        LoginRule rule = attempt.rule;
        if (!rule.applies(attempt.event, retrying)) {
            return attempt.result(Status.SKIPPED, CONDITION_NOT_MET);
        }
        return switch (rule.action()) {
            case LoginRule.SetAppMetadata set -> setAppMetadata(attempt, set, door, appMetadata);
            case LoginRule.AssignOrganization org -> claimed(attempt, () -> {
                if (!idp.isConnectionEnabled(org.organizationId(), attempt.event.connection().id())) {
                    return Optional.of("The connection " + attempt.event.connection().name()
                            + " is not enabled for organization " + org.organizationId() + ".");
                }
                attempt.intent(List.of("organizations"), "Add to organization " + org.organizationId() + ".");
                idp.addOrganizationMember(org.organizationId(), attempt.event.userId());
                return Optional.empty();
            });
            case LoginRule.AssignRoles roles -> claimed(attempt, () -> {
                attempt.intent(List.of("roles"), "Assign roles " + String.join(", ", roles.roles()) + ".");
                idp.assignRoles(attempt.event.userId(), roles.roles());
                return Optional.empty();
            });
        };
    }

    /** An IdP action under the ledger. {@code action} answers a reason to skip, or empty when it acted. */
    private RuleResult claimed(Attempt attempt, java.util.function.Supplier<Optional<String>> action) {
        Optional<LoginRuleLedger.Claim> claim = ledger.claim(attempt.event.userId().value(), attempt.rule.id());
        if (claim.isEmpty()) {
            return attempt.result(Status.SKIPPED, ALREADY_APPLIED);
        }
        Optional<String> skipped;
        try {
            skipped = action.get();
        } catch (RuntimeException e) {
            ledger.failed(claim.get());
            return attempt.failed(e);
        }
        if (skipped.isPresent()) {
            ledger.release(claim.get());
            attempt.skipped(skipped.get());
            return attempt.result(Status.SKIPPED, CONNECTION_NOT_ENABLED);
        }
        ledger.applied(claim.get());
        attempt.succeeded();
        return attempt.result(Status.DONE, null);
    }

    private RuleResult setAppMetadata(Attempt attempt, LoginRule.SetAppMetadata set, Door door,
                                      Map<String, Object> appMetadata) {
        Map<String, Object> changes = set.changesFor(attempt.event);
        if (changes.isEmpty()) {
            return attempt.result(Status.SKIPPED, ALREADY_SET);
        }
        List<String> fields = changes.keySet().stream().map(k -> "app_metadata." + k).toList();
        if (door == Door.WEBHOOK) {
            appMetadata.putAll(changes);
            attempt.intent(fields, "Returned for the post-login Action to set.");
            attempt.succeeded();
            return attempt.result(Status.DONE, null);
        }
        attempt.intent(fields, "Set app_metadata.");
        try {
            idp.mergeAppMetadata(attempt.event.userId(), changes);
        } catch (RuntimeException e) {
            return attempt.failed(e);
        }
        attempt.succeeded();
        return attempt.result(Status.DONE, null);
    }

    /**
     * One rule for one login, and its audit rows: an intent before the IdP call and its outcome after. The platform
     * acts, not a person: no actor; the user who logged in is the target. A failure's outcome that cannot be written
     * fails the rule ({@link AuditAttempt.IfOutcomeLost#THROW}); a success's is only logged: the IdP acted.
     */
    private final class Attempt {
        final LoginRule rule;
        final LoginEvent event;
        private final AuditAttempt audit;
        private Optional<AuditAttempt.Intent> intent = Optional.empty();

        Attempt(LoginRule rule, LoginEvent event, Optional<String> requestId) {
            this.rule = rule;
            this.event = event;
            this.audit = AuditAttempt.platform(auditTrail, clock, AuditAction.LOGIN_RULE, requestId)
                    .target(Optional.of(event.userId().value()), event.email())
                    .rule(rule.id());
        }

        void intent(List<String> fields, String message) {
            intent = Optional.of(audit.intent(fields, List.of(), Optional.of(message)));
        }

        void succeeded() {
            intent.orElseThrow().succeeded(Optional.empty(), AuditAttempt.IfOutcomeLost.LOG);
        }

        void skipped(String why) {
            audit.skipped(why);
        }

        RuleResult failed(RuntimeException e) {
            String detail = e instanceof ApplicationException ? e.getMessage() : "Unexpected error.";
            if (!(e instanceof ApplicationException)) {
                LOG.log(System.Logger.Level.ERROR, "Login rule " + rule.id() + " failed unexpectedly", e);
            }
            AuditAttempt.Intent failed = intent.orElseGet(() -> audit.intent(List.of(), List.of(),
                    Optional.of("Failed before acting.")));
            failed.failed(e.getClass().getSimpleName() + ": " + detail, AuditAttempt.IfOutcomeLost.THROW);
            return result(Status.FAILED, detail);
        }

        RuleResult result(Status status, String reason) {
            return new RuleResult(rule.id(), status, Optional.ofNullable(reason));
        }
    }
}
