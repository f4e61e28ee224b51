package dev.delegatedadmin.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.CreateUserCommand;
import dev.delegatedadmin.application.port.in.ListUsersQuery;
import dev.delegatedadmin.application.port.in.UpdateUserCommand;
import dev.delegatedadmin.application.port.in.UserListing;
import dev.delegatedadmin.application.testsupport.InMemoryAuditTrail;
import dev.delegatedadmin.application.testsupport.InMemoryIdentityProvider;
import dev.delegatedadmin.application.testsupport.InMemoryIdentityProvider.Call;
import dev.delegatedadmin.application.testsupport.StaticPolicyStore;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserServicesTest {

    private static final Department FINANCE = new Department("Finance");
    private static final Department HR = new Department("HR");
    private static final String SECRET = "Sup3r-secret-pw";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryIdentityProvider idp = new InMemoryIdentityProvider(clock);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final StaticPolicyStore policy = StaticPolicyStore.shippedDefault();
    private final UserWriteService writes = new UserWriteService(idp, idp, audit, policy, clock);
    private final UserQueryService reads = new UserQueryService(idp, idp, policy);

    private Caller kelly;
    private Caller auditor;
    private User financeUser;
    private User hrUser;

    @BeforeEach
    void seed() {
        kelly = caller(idp.seed("kelly@example.com", "Finance", List.of("user-admin"), "kelly-password"));
        auditor = caller(idp.seed("audrey@example.com", "Finance", List.of("auditor"), null));
        financeUser = idp.seed("fred@example.com", "Finance", List.of(), null);
        hrUser = idp.seed("hank@example.com", "HR", List.of(), null);
    }

    private static Caller caller(User user) {
        return new Caller(Actor.from(user), Optional.of("req-1"));
    }

    private static WritePayload newUser(String email, Department... memberships) {
        return WritePayload.empty().withEmail(new Email(email)).withPassword(new Password(SECRET))
                .withMemberships(List.of(memberships));
    }

    private AuditEvent lastEvent() {
        return audit.all().getLast();
    }

    @Test
    void create_in_own_department_reaches_the_idp_and_is_audited() {
        User created = writes.create(new CreateUserCommand(kelly, newUser("new@example.com", FINANCE)));

        assertThat(created.department()).contains(FINANCE);
        assertThat(idp.calls()).singleElement().isInstanceOf(Call.Create.class);
        AuditEvent event = lastEvent();
        assertThat(event.record().action()).isEqualTo(AuditAction.USER_CREATE);
        assertThat(event.record().decision()).isEqualTo(AuditDecision.ALLOWED);
        assertThat(event.status()).isEqualTo(AuditStatus.SUCCEEDED);
        assertThat(event.record().actorId()).contains(kelly.actor().id().value());
        assertThat(event.record().actorDepartment()).contains("Finance");
        assertThat(event.record().targetEmail()).contains("new@example.com");
        assertThat(event.record().requestId()).contains("req-1");
        assertThat(event.record().changedFields()).contains("password", "app_metadata.department");
        assertThat(event.outcomeDetail()).contains("user_id=" + created.id());
        assertThat(audit.all().toString()).doesNotContain(SECRET);
    }

    @Test
    void create_in_another_department_is_denied_audited_and_sends_nothing() {
        assertThatThrownBy(() -> writes.create(new CreateUserCommand(kelly, newUser("x@example.com", HR))))
                .isInstanceOfSatisfying(DeniedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("own-department-only");
                    assertThat(e.getMessage()).isEqualTo("You can only create users within your own department.");
                });
        assertThat(idp.calls()).isEmpty();
        assertThat(lastEvent().record().decision()).isEqualTo(AuditDecision.DENIED);
        assertThat(lastEvent().record().rule()).contains("own-department-only");
        assertThat(lastEvent().status()).isEqualTo(AuditStatus.DENIED);
        assertThat(audit.all().toString()).doesNotContain(SECRET);
    }

    @Test
    void auditor_cannot_create_and_the_attempt_is_audited() {
        assertThatThrownBy(() -> writes.create(new CreateUserCommand(auditor, newUser("x@example.com", FINANCE))))
                .isInstanceOfSatisfying(DeniedException.class, e -> assertThat(e.rule()).isEqualTo("role-required"));
        assertThat(lastEvent().record().rule()).contains("role-required");
        assertThat(idp.calls()).isEmpty();
    }

    @Test
    void unknown_department_is_invalid_input_listing_each_one() {
        assertThatThrownBy(() -> writes.create(new CreateUserCommand(kelly,
                newUser("x@example.com", FINANCE, new Department("Nowhere"), new Department("Atlantis")))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(InvalidInputException.FieldError::field)
                        .containsExactly("memberships[1]", "memberships[2]"));
    }

    @Test
    void idp_failure_is_recorded_as_failed_after_a_pending_intent() {
        boolean[] down = {false};
        InMemoryIdentityProvider failing = new InMemoryIdentityProvider(clock) {
            @Override
            public User create(NewUser user) {
                if (down[0]) {
                    throw new IdentityProviderException("Auth0 is down", true, Optional.empty(), null);
                }
                return super.create(user);
            }
        };
        Caller admin = caller(failing.seed("ivan@example.com", "IT", List.of("user-admin"), null));
        down[0] = true;
        UserWriteService service = new UserWriteService(failing, failing, audit, policy, clock);

        assertThatThrownBy(() -> service.create(new CreateUserCommand(admin, newUser("x@example.com", FINANCE))))
                .isInstanceOf(IdentityProviderException.class);
        assertThat(lastEvent().status()).isEqualTo(AuditStatus.FAILED);
        assertThat(lastEvent().outcomeDetail()).hasValueSatisfying(d -> assertThat(d).contains("Auth0 is down"));
    }

    @Test
    void no_op_update_sends_nothing_and_is_audited_as_no_change() {
        WritePayload same = WritePayload.empty().withEmail(new Email("FRED@example.com"))
                .withAppMetadata(MetadataPatch.of(Map.of("department", "Finance"))).withBlocked(false);
        User result = writes.update(new UpdateUserCommand(kelly, financeUser.id(), same));

        assertThat(result).isEqualTo(financeUser);
        assertThat(idp.calls()).isEmpty();
        assertThat(lastEvent().status()).isEqualTo(AuditStatus.NO_CHANGE);
    }

    @Test
    void email_and_password_go_in_two_calls_password_last() {
        WritePayload patch = WritePayload.empty().withEmail(new Email("fred.new@example.com"))
                .withPassword(new Password(SECRET)).withUserMetadata(MetadataPatch.of(Map.of("team", "AP")));
        User updated = writes.update(new UpdateUserCommand(kelly, financeUser.id(), patch));

        assertThat(idp.calls()).hasSize(2);
        UserChanges first = ((Call.Update) idp.calls().get(0)).changes();
        UserChanges second = ((Call.Update) idp.calls().get(1)).changes();
        assertThat(first.email()).contains(new Email("fred.new@example.com"));
        assertThat(first.emailVerified()).contains(false);
        assertThat(first.userMetadata()).isEqualTo(Map.of("team", "AP"));
        assertThat(first.password()).isEmpty();
        assertThat(second.password()).isPresent();
        assertThat(second.email()).isEmpty();
        assertThat(updated.email().value()).isEqualTo("fred.new@example.com");
        assertThat(updated.emailVerified()).isFalse();
        assertThat(lastEvent().record().changedFields()).containsExactly("email", "email_verified", "password",
                "user_metadata.team");
        assertThat(audit.all().toString()).doesNotContain(SECRET);
    }

    @Test
    void updating_a_user_outside_scope_is_not_found_and_audited() {
        assertThatThrownBy(() -> writes.update(new UpdateUserCommand(kelly, hrUser.id(),
                WritePayload.empty().withBlocked(true)))).isInstanceOf(NotFoundException.class);
        assertThat(idp.calls()).isEmpty();
        assertThat(lastEvent().record().rule()).contains("out-of-scope");
    }

    @Test
    void unknown_user_is_not_found() {
        assertThatThrownBy(() -> writes.update(new UpdateUserCommand(kelly, new UserId("test|nope"),
                WritePayload.empty().withBlocked(true)))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reads.get(kelly, new UserId("test|nope"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void moving_a_user_out_of_scope_is_denied() {
        assertThatThrownBy(() -> writes.update(new UpdateUserCommand(kelly, financeUser.id(),
                WritePayload.empty().withMemberships(List.of(HR)))))
                .isInstanceOfSatisfying(DeniedException.class, e -> assertThat(e.rule()).isEqualTo("own-department-only"));
        assertThat(idp.calls()).isEmpty();
    }

    @Test
    void block_then_delete() {
        User blocked = writes.update(new UpdateUserCommand(kelly, financeUser.id(), WritePayload.empty().withBlocked(true)));
        assertThat(blocked.blocked()).isTrue();
        writes.delete(kelly, financeUser.id());
        assertThat(idp.findById(financeUser.id())).isEmpty();
        assertThat(lastEvent().record().action()).isEqualTo(AuditAction.USER_DELETE);
        assertThat(lastEvent().status()).isEqualTo(AuditStatus.SUCCEEDED);
    }

    @Test
    void self_delete_is_refused() {
        assertThatThrownBy(() -> writes.delete(kelly, kelly.actor().id()))
                .isInstanceOfSatisfying(DeniedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("no-self-delete");
                    assertThat(e.getMessage()).isEqualTo("You cannot delete yourself.");
                });
        assertThat(idp.findById(kelly.actor().id())).isPresent();
    }

    @Test
    void delete_outside_scope_is_not_found() {
        assertThatThrownBy(() -> writes.delete(kelly, hrUser.id())).isInstanceOf(NotFoundException.class);
        assertThat(idp.findById(hrUser.id())).isPresent();
    }

    @Test
    void reads_are_scoped() {
        assertThat(reads.get(auditor, financeUser.id())).isEqualTo(financeUser);
        assertThatThrownBy(() -> reads.get(auditor, hrUser.id())).isInstanceOf(NotFoundException.class);

        UserListing page = reads.list(new ListUsersQuery(auditor, Optional.empty(), Optional.empty(), 0, 50, true));
        assertThat(page.users()).extracting(User::department).containsOnly(Optional.of(FINANCE));
        assertThat(page.total()).hasValue(3);

        UserListing hr = reads.list(new ListUsersQuery(auditor, Optional.empty(), Optional.of("HR"), 0, 50, true));
        assertThat(hr.users()).isEmpty();
    }

    @Test
    void list_validates_paging_and_department() {
        assertThatThrownBy(() -> reads.list(new ListUsersQuery(auditor, Optional.empty(), Optional.empty(), -1, 101, false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(InvalidInputException.FieldError::field).containsExactly("page", "per_page"));
        assertThatThrownBy(() -> reads.list(new ListUsersQuery(auditor, Optional.empty(), Optional.of("Nowhere\""), 0, 10, false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(InvalidInputException.FieldError::field).containsExactly("department"));
        assertThatThrownBy(() -> reads.list(new ListUsersQuery(auditor, Optional.empty(), Optional.empty(), 10, 100, false)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_user_without_any_role_reads_nothing() {
        Caller nobody = caller(idp.seed("nobody@example.com", "Finance", List.of(), null));
        assertThatThrownBy(() -> reads.get(nobody, financeUser.id())).isInstanceOf(DeniedException.class);
    }
}
