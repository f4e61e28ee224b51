package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.error.PolicyWeakeningException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.LoadPolicyFileUseCase;
import dev.delegatedadmin.application.port.in.ManagePoliciesUseCase;
import dev.delegatedadmin.application.port.in.SimulatePolicyUseCase;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.in.PolicyVersionView;
import dev.delegatedadmin.application.port.out.PolicyVersion;
import dev.delegatedadmin.application.port.out.PolicyVersions;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.policy.PolicyDecision;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.policy.WriteContext;
import dev.delegatedadmin.domain.policy.WriteMethod;
import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import dev.delegatedadmin.domain.policy.document.PolicyWeakening;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.shared.Json;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The policy document's administration: versions, rollback, the start-up file, and the dry run. Every change
 * is audited with the version it replaced; a refused document changes nothing.
 */
public final class PolicyAdministrationService implements ManagePoliciesUseCase, SimulatePolicyUseCase,
        LoadPolicyFileUseCase {

    static final String NO_POLICY = "No policy version is active.";
    static final String UNKNOWN_VERSION = "There is no such policy version.";
    static final String WEAKENS_PROTECTIONS = "weakens-protections";

    private final PolicyVersions versions;
    private final RecordAuditEvents auditTrail;
    private final Clock clock;

    public PolicyAdministrationService(PolicyVersions versions, RecordAuditEvents auditTrail, Clock clock) {
        this.versions = versions;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Override
    public PolicyVersionView current(Caller caller) {
        requireAdministrator(caller, Optional.empty());
        return versions.active().map(PolicyAdministrationService::view).orElseThrow(() -> new NotFoundException(NO_POLICY));
    }

    @Override
    public List<PolicyVersionView> versions(Caller caller) {
        requireAdministrator(caller, Optional.empty());
        return versions.list().stream().map(PolicyAdministrationService::view).toList();
    }

    @Override
    public PolicyVersionView version(Caller caller, long version) {
        requireAdministrator(caller, Optional.empty());
        return versions.find(version).map(PolicyAdministrationService::view).orElseThrow(() -> new NotFoundException(UNKNOWN_VERSION));
    }

    @Override
    public PolicyVersionView update(Caller caller, Object document, boolean confirmWeaken) {
        requireAdministrator(caller, Optional.of(AuditAction.POLICY_UPDATE));
        Map<String, Object> tree = validTree(document);
        List<String> weakens = guard(caller, AuditAction.POLICY_UPDATE, parsed(tree), confirmWeaken);
        PolicyVersions.Activation activation = versions.store(new PolicyVersions.NewVersion(tree, hash(tree),
                PolicyVersion.Source.API, Optional.empty(), Optional.of(caller.actor().email()), clock.instant()));
        audit(Optional.of(caller), AuditAction.POLICY_UPDATE, activation, "from the API" + weakened(weakens));
        return view(activation.to());
    }

    @Override
    public PolicyVersionView activate(Caller caller, long version, boolean confirmWeaken) {
        requireAdministrator(caller, Optional.of(AuditAction.POLICY_ACTIVATE));
        PolicyVersion target = versions.find(version).orElseThrow(() -> new NotFoundException(UNKNOWN_VERSION));
        List<String> weakens = guard(caller, AuditAction.POLICY_ACTIVATE, target.document(), confirmWeaken);
        PolicyVersions.Activation activation = versions.activate(version, Optional.of(caller.actor().email()), clock.instant())
                .orElseThrow(() -> new NotFoundException(UNKNOWN_VERSION));
        audit(Optional.of(caller), AuditAction.POLICY_ACTIVATE, activation, "rollback or roll-forward" + weakened(weakens));
        return view(activation.to());
    }

    /**
     * What {@code proposed} weakens compared with the version in force; unconfirmed, a 409 (audited as denied).
     * Confirmed, the list goes into the change's audit row.
     */
    private List<String> guard(Caller caller, AuditAction action, PolicyDocument proposed, boolean confirmWeaken) {
        List<String> weakens = PolicyWeakening.between(versions.active().map(PolicyVersion::document), proposed);
        if (!weakens.isEmpty() && !confirmWeaken) {
            AuditAttempt.by(auditTrail, clock, caller, action)
                    .denied(WEAKENS_PROTECTIONS, "Unconfirmed; it weakens: " + String.join(" ", weakens));
            throw new PolicyWeakeningException(weakens);
        }
        return weakens;
    }

    private static String weakened(List<String> weakens) {
        return weakens.isEmpty() ? "" : "; confirmed, it weakens: " + String.join(" ", weakens);
    }

    private static PolicyDocument parsed(Map<String, Object> tree) {
        return ((PolicyDocument.Valid) PolicyDocument.parse(tree)).document();
    }

    @Override
    public Optional<PolicyVersionView> loadFile(String sourceName, String contentHash, Object document) {
        Map<String, Object> tree = validTree(document);
        Optional<PolicyVersions.Activation> activation = versions.storeIfFileChanged(new PolicyVersions.NewVersion(
                tree, contentHash, PolicyVersion.Source.FILE, Optional.of(sourceName), Optional.empty(), clock.instant()));
        activation.ifPresent(a -> audit(Optional.empty(), AuditAction.POLICY_UPDATE, a, "from the file " + sourceName));
        return activation.map(a -> view(a.to()));
    }

    /** The stored version as the in-port shows it. */
    private static PolicyVersionView view(PolicyVersion v) {
        return new PolicyVersionView(v.version(), v.tree(), v.document(), v.contentHash(),
                PolicyVersionView.Source.valueOf(v.source().name()), v.sourceName(), v.createdAt(), v.createdBy(),
                v.active());
    }

    @Override
    public Simulation simulate(SimulationCommand command) {
        requireAdministrator(command.caller(), Optional.empty());
        PolicyVersion active = versions.active().orElseThrow(() -> new NotFoundException(NO_POLICY));
        PolicyDocument document = active.document();
        long version = active.version();
        if (command.method() == WriteMethod.CREATE && command.payload().email().isEmpty()) {
            return Simulation.invalid(version, List.of(new FieldError("payload.email", "An email address is required.")));
        }
        if (command.method() != WriteMethod.CREATE && command.originalUser().isEmpty()) {
            return Simulation.invalid(version, List.of(new FieldError("original_user", "An update needs the original user.")));
        }
        try {
            InputValidation.requireKnownMemberships(command.payload(), document.departments());
            InputValidation.requireValidUserFields(document, command.method(), command.payload(), command.originalUser());
        } catch (InvalidInputException e) {
            return Simulation.invalid(version, e.errors().stream()
                    .map(error -> new FieldError("payload." + error.field(), error.message())).toList());
        }
        Scope scope = Scope.of(command.actor(), document.departments());
        if (command.originalUser().filter(user -> !scope.includes(user)).isPresent()) {
            return Simulation.denied(version, UserWriteService.OUT_OF_SCOPE, "The user is outside the actor's departments.");
        }
        // No IdP call: only the default database connection counts as a database connection here.
        WriteContext context = new WriteContext(command.method(), command.actor(), scope, command.payload(),
                command.originalUser(), ConnectionName.DEFAULT_DATABASE::equals);
        return switch (document.writePolicy().evaluate(context)) {
            case PolicyDecision.Denied(String rule, String message) -> Simulation.denied(version, rule, message);
            case PolicyDecision.Allowed(var profile) -> Simulation.allowed(version, profile,
                    command.originalUser().map(original -> UserChanges.between(original, profile)));
        };
    }

    /** The document's tree, normalised, or a 400 with every error and its path. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> validTree(Object document) {
        Object tree;
        try {
            tree = Json.normalize(document);
        } catch (InvalidValueException e) {
            throw InvalidInputException.of("$", e.getMessage());
        }
        return switch (PolicyDocument.parse(tree)) {
            case PolicyDocument.Valid valid -> (Map<String, Object>) tree;
            case PolicyDocument.Invalid(var errors) -> throw new InvalidInputException(
                    errors.stream().map(error -> new FieldError(error.path(), error.message())).toList());
        };
    }

    /** Identifies an API version's content; file versions are identified by the file's bytes. */
    static String hash(Map<String, Object> tree) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tree.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void requireAdministrator(Caller caller, Optional<AuditAction> audited) {
        Optional<String> missing = Authorization.missingRole(caller.actor(), Role.ADMINISTRATOR);
        if (missing.isEmpty()) {
            return;
        }
        // Attempts to change the policy are audited like any refused write; reads are not audited.
        audited.ifPresent(action -> AuditAttempt.by(auditTrail, clock, caller, action)
                .denied(Authorization.ROLE_REQUIRED, missing.get()));
        throw new DeniedException(Authorization.ROLE_REQUIRED, missing.get());
    }

    private void audit(Optional<Caller> caller, AuditAction action, PolicyVersions.Activation activation, String how) {
        OptionalLong from = activation.from();
        String message = "Policy version " + (from.isPresent() ? Long.toString(from.getAsLong()) : "none") + " -> "
                + activation.to().version() + ", " + how + (how.endsWith(".") ? "" : ".");
        AuditAttempt.by(auditTrail, clock, caller, action)
                .target(Optional.of("policy/" + activation.to().version()), Optional.empty())
                .done(Optional.empty(), Optional.of(message));
    }
}
