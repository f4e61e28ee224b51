package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.CreateUserCommand;
import dev.delegatedadmin.application.port.in.CreateUserUseCase;
import dev.delegatedadmin.application.port.in.DeleteUserUseCase;
import dev.delegatedadmin.application.port.in.UpdateUserCommand;
import dev.delegatedadmin.application.port.in.UpdateUserUseCase;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.application.port.out.WriteUsers;
import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditChanges;
import dev.delegatedadmin.domain.audit.SecretFields;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.PolicyDecision;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.policy.WriteContext;
import dev.delegatedadmin.domain.policy.WriteMethod;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Create, update and delete: role check, scope, write policy, audit intent, IdP call, audit outcome. */
public final class UserWriteService implements CreateUserUseCase, UpdateUserUseCase, DeleteUserUseCase {

    static final String OUT_OF_SCOPE = "out-of-scope";
    static final String NOT_FOUND = "User not found.";

    private final LoadUsers loadUsers;
    private final WriteUsers writeUsers;
    private final RecordAuditEvents auditTrail;
    private final PolicyStore policyStore;
    private final Clock clock;
    private final SecretFields secretFields;

    public UserWriteService(LoadUsers loadUsers, WriteUsers writeUsers, RecordAuditEvents auditTrail, PolicyStore policyStore,
                            Clock clock) {
        this(loadUsers, writeUsers, auditTrail, policyStore, clock, SecretFields.DEFAULT);
    }

    /** {@code secretFields}: fields whose values the audit trail must never hold (the password always is one). */
    public UserWriteService(LoadUsers loadUsers, WriteUsers writeUsers, RecordAuditEvents auditTrail, PolicyStore policyStore,
                            Clock clock, SecretFields secretFields) {
        this.loadUsers = loadUsers;
        this.writeUsers = writeUsers;
        this.auditTrail = auditTrail;
        this.policyStore = policyStore;
        this.clock = clock;
        this.secretFields = secretFields;
    }

    @Override
    public User create(CreateUserCommand command) {
        Caller caller = command.caller();
        AuditAttempt audit = AuditAttempt.by(auditTrail, clock, caller, AuditAction.USER_CREATE)
                .target(null, command.payload().email().map(Object::toString).orElse(null));
        requireRole(caller.actor(), Role.USER_ADMIN, audit);
        if (command.payload().email().isEmpty()) {
            throw InvalidInputException.of("email", "An email address is required.");
        }
        PolicyDocument document = policyStore.activeDocument();
        WritePolicy policy = document.writePolicy();
        InputValidation.requireKnownMemberships(command.payload(), policy.departments());
        InputValidation.requireValidUserFields(document, WriteMethod.CREATE, command.payload(), Optional.empty());

        WriteContext context = new WriteContext(WriteMethod.CREATE, caller.actor(),
                Scope.of(caller.actor(), policy.departments()), command.payload(), Optional.empty(),
                writeUsers::isDatabaseConnection);
        return switch (policy.evaluate(context)) {
            case PolicyDecision.Denied(String rule, String message) -> throw audit.denied(rule, message);
            case PolicyDecision.Allowed(var profile) -> {
                NewUser newUser = NewUser.from(profile);
                audit.targetDepartment(newUser.appMetadata().get(User.DEPARTMENT_KEY).map(Object::toString));
                yield audit.allowed(fieldNames(newUser), AuditChanges.forCreate(newUser, secretFields),
                        () -> writeUsers.create(newUser),
                        created -> RecordAuditEvents.CREATED_USER_DETAIL + created.id());
            }
        };
    }

    @Override
    public User update(UpdateUserCommand command) {
        Caller caller = command.caller();
        AuditAttempt audit = AuditAttempt.by(auditTrail, clock, caller, AuditAction.USER_UPDATE)
                .target(command.userId().value(), null);
        requireRole(caller.actor(), Role.USER_ADMIN, audit);
        PolicyDocument document = policyStore.activeDocument();
        WritePolicy policy = document.writePolicy();
        Scope scope = Scope.of(caller.actor(), policy.departments());
        User original = findInScope(command.userId(), scope, audit);
        audit.target(original.id().value(), original.email().value());
        audit.targetDepartment(original.department().map(Department::name));
        InputValidation.requireKnownMemberships(command.patch(), policy.departments());
        InputValidation.requireValidUserFields(document, WriteMethod.UPDATE, command.patch(), Optional.of(original));

        WriteContext context = new WriteContext(WriteMethod.UPDATE, caller.actor(), scope, command.patch(),
                Optional.of(original), writeUsers::isDatabaseConnection);
        return switch (policy.evaluate(context)) {
            case PolicyDecision.Denied(String rule, String message) -> throw audit.denied(rule, message);
            case PolicyDecision.Allowed(var profile) -> {
                UserChanges changes = UserChanges.between(original, profile);
                if (changes.isEmpty()) {
                    audit.noChange();
                    yield original;
                }
                yield audit.allowed(changes.changedFieldNames(), AuditChanges.forUpdate(original, changes, secretFields),
                        () -> apply(original, changes), updated -> null);
            }
        };
    }

    /** Email (and everything else) first, then the password alone: Auth0 refuses both in one PATCH. */
    private User apply(User original, UserChanges changes) {
        User current = original;
        UserChanges withoutPassword = changes.withoutPassword();
        if (!withoutPassword.isEmpty()) {
            current = writeUsers.update(original.id(), withoutPassword);
        }
        if (changes.password().isPresent()) {
            current = writeUsers.update(original.id(), changes.passwordOnly());
        }
        return current;
    }

    @Override
    public void delete(Caller caller, UserId userId) {
        AuditAttempt audit = AuditAttempt.by(auditTrail, clock, caller, AuditAction.USER_DELETE)
                .target(userId.value(), null);
        requireRole(caller.actor(), Role.USER_ADMIN, audit);
        WritePolicy policy = policyStore.activePolicy();
        Scope scope = Scope.of(caller.actor(), policy.departments());
        User target = findInScope(userId, scope, audit);
        audit.target(target.id().value(), target.email().value());
        audit.targetDepartment(target.department().map(Department::name));
        // The document's rules decide deletes too: renaming or removing a rule there changes what a delete may do.
        WriteContext context = new WriteContext(WriteMethod.DELETE, caller.actor(), scope, WritePayload.empty(),
                Optional.of(target), writeUsers::isDatabaseConnection);
        if (policy.evaluate(context) instanceof PolicyDecision.Denied(String rule, String message)) {
            throw audit.denied(rule, message);
        }
        audit.allowed(List.of(), List.of(), () -> {
            writeUsers.delete(target.id());
            return target;
        }, deleted -> null);
    }

    private static void requireRole(Actor actor, Role role, AuditAttempt audit) {
        Optional<String> missing = Authorization.missingRole(actor, role);
        if (missing.isPresent()) {
            throw audit.denied(Authorization.ROLE_REQUIRED, missing.get());
        }
    }

    /** Out of scope looks exactly like unknown to the caller; the audit row tells them apart. */
    private User findInScope(UserId id, Scope scope, AuditAttempt audit) {
        Optional<User> user = loadUsers.findById(id);
        if (user.isPresent() && !scope.includes(user.get())) {
            audit.targetDepartment(user.get().department().map(Department::name));
            audit.denied(OUT_OF_SCOPE, "The user is outside the actor's departments.");
        }
        return user.filter(scope::includes).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private static List<String> fieldNames(NewUser user) {
        List<String> names = new ArrayList<>(List.of("email", "connection"));
        user.password().ifPresent(p -> names.add("password"));
        user.userMetadata().values().keySet().forEach(key -> names.add("user_metadata." + key));
        user.appMetadata().values().keySet().forEach(key -> names.add("app_metadata." + key));
        return names;
    }
}
