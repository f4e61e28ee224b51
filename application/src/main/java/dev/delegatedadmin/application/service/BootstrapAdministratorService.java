package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.ConflictException;
import dev.delegatedadmin.application.port.in.BootstrapAdministratorUseCase;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.SearchUsers;
import dev.delegatedadmin.application.port.out.WriteUsers;
import dev.delegatedadmin.application.port.out.UserPage;
import dev.delegatedadmin.application.port.out.UserSearch;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** First start of the local IdP: an empty directory gets one administrator in IT. */
public final class BootstrapAdministratorService implements BootstrapAdministratorUseCase {

    static final Department BOOTSTRAP_DEPARTMENT = new Department("IT");
    static final String SYSTEM_ACTOR = "system:bootstrap";

    private final SearchUsers searchUsers;
    private final WriteUsers writeUsers;
    private final RecordAuditEvents auditTrail;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public BootstrapAdministratorService(SearchUsers searchUsers, WriteUsers writeUsers, RecordAuditEvents auditTrail,
                                         Clock clock) {
        this.searchUsers = searchUsers;
        this.writeUsers = writeUsers;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Override
    public Optional<Bootstrapped> bootstrapIfEmpty(Email email, Optional<Password> password) {
        UserPage any = searchUsers.search(new UserSearch(Scope.all(Set.of()), Optional.empty(), Optional.empty(),
                0, 1, false));
        if (!any.users().isEmpty()) {
            return Optional.empty();
        }
        Optional<Password> generated = password.isPresent() ? Optional.empty() : Optional.of(generatePassword());
        NewUser administrator = new NewUser(email, password.or(() -> generated), ConnectionName.DEFAULT_DATABASE,
                Metadata.EMPTY,
                new Metadata(Map.of(User.DEPARTMENT_KEY, BOOTSTRAP_DEPARTMENT.name(),
                        User.ROLES_KEY, List.of(Role.ADMINISTRATOR.externalName()))));
        AuditAttempt.Intent intent = AuditAttempt.system(auditTrail, clock, SYSTEM_ACTOR, AuditAction.USER_CREATE)
                .target(Optional.empty(), Optional.of(email.value()))
                .intent(List.of("email", "password", "app_metadata.department", "app_metadata.roles"), List.of(),
                        Optional.of("First start: bootstrap administrator."));
        try {
            User created = writeUsers.create(administrator);
            intent.succeeded(Optional.of(RecordAuditEvents.CREATED_USER_DETAIL + created.id()),
                    AuditAttempt.IfOutcomeLost.THROW);
            return Optional.of(new Bootstrapped(created, generated));
        } catch (ConflictException e) {
            // Another instance bootstrapped the same administrator at the same moment.
            intent.failed("ConflictException: " + e.getMessage(), AuditAttempt.IfOutcomeLost.THROW);
            return Optional.empty();
        }
    }

    private Password generatePassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return new Password(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
