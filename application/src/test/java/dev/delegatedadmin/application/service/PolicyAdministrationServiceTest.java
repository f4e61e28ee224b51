package dev.delegatedadmin.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.CreateUserCommand;
import dev.delegatedadmin.application.port.in.SimulatePolicyUseCase.Simulation;
import dev.delegatedadmin.application.port.in.SimulatePolicyUseCase.SimulationCommand;
import dev.delegatedadmin.application.port.in.UpdateUserCommand;
import dev.delegatedadmin.application.port.in.PolicyVersionView;
import dev.delegatedadmin.application.testsupport.InMemoryAuditTrail;
import dev.delegatedadmin.application.testsupport.InMemoryIdentityProvider;
import dev.delegatedadmin.application.testsupport.InMemoryPolicyVersions;
import dev.delegatedadmin.application.testsupport.PolicyTrees;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.WriteMethod;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyAdministrationServiceTest {

    private static final Department FINANCE = new Department("Finance");
    private static final Department HR = new Department("HR");

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryIdentityProvider idp = new InMemoryIdentityProvider(clock);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final InMemoryPolicyVersions versions = new InMemoryPolicyVersions();
    private final PolicyAdministrationService policies = new PolicyAdministrationService(versions, audit, clock);
    private final UserWriteService writes = new UserWriteService(idp, idp, audit, versions, clock);

    private Caller admin;
    private Caller kelly;

    @BeforeEach
    void seed() {
        policies.loadFile("default-policy.yaml", "sha256:file-1", PolicyTrees.shippedDefault());
        admin = caller(idp.seed("ada@example.com", "IT", List.of("administrator"), null));
        kelly = caller(idp.seed("kelly@example.com", "Finance", List.of("user-admin"), null));
    }

    private static Caller caller(User user) {
        return new Caller(Actor.from(user), Optional.of("req-1"));
    }

    private List<AuditEvent> policyEvents() {
        return audit.all().stream().filter(e -> e.record().action().externalName().startsWith("policy.")).toList();
    }

    @Test
    void the_file_becomes_version_1_and_an_unchanged_file_changes_nothing() {
        assertThat(policies.current(admin).version()).isEqualTo(1);
        assertThat(policies.current(admin).source()).isEqualTo(PolicyVersionView.Source.FILE);

        assertThat(policies.loadFile("default-policy.yaml", "sha256:file-1", PolicyTrees.shippedDefault())).isEmpty();
        assertThat(policies.versions(admin)).hasSize(1);

        assertThat(policies.loadFile("default-policy.yaml", "sha256:file-2", PolicyTrees.with("departments",
                List.of("Finance", "HR", "IT", "Sales", "Legal")))).get().extracting(PolicyVersionView::version).isEqualTo(2L);
        assertThat(policies.current(admin).document().departments().known()).contains(new Department("Legal"));
        assertThat(policyEvents()).extracting(e -> e.record().message().orElseThrow())
                .containsExactly("Policy version none -> 1, from the file default-policy.yaml.",
                        "Policy version 1 -> 2, from the file default-policy.yaml.");
    }

    @Test
    void an_invalid_file_is_refused_with_every_error() {
        assertThatThrownBy(() -> policies.loadFile("bad.yaml", "sha256:bad", Map.of("departments", "IT")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("departments", "Must be a list."),
                        new FieldError("write_rules", "Required (an empty list means no rules at all).")));
        assertThat(policies.current(admin).version()).isEqualTo(1);
    }

    @Test
    void update_stores_a_new_active_version_and_audits_from_and_to() {
        PolicyVersionView v2 = policies.update(admin, PolicyTrees.with("also_manages", Map.of("HR", List.of("Finance"))), true);

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.source()).isEqualTo(PolicyVersionView.Source.API);
        assertThat(v2.createdBy()).contains("ada@example.com");
        assertThat(policies.current(admin).version()).isEqualTo(2);
        assertThat(versions.activePolicy().departments().alsoManages()).containsKey(HR);
        AuditEvent event = policyEvents().getLast();
        assertThat(event.record().action()).isEqualTo(AuditAction.POLICY_UPDATE);
        assertThat(event.record().actorId()).contains(admin.actor().id().value());
        // Issue 11: a wider scope, confirmed, and the audit row says so.
        assertThat(event.record().message())
                .contains("Policy version 1 -> 2, from the API; confirmed, it weakens: HR now also manages Finance.");
    }

    @Test
    void an_unconfirmed_weakening_is_refused_with_what_it_weakens_and_audited() {
        assertThatThrownBy(() -> policies.update(admin, PolicyTrees.with("write_rules", List.of()), false))
                .isInstanceOfSatisfying(dev.delegatedadmin.application.error.PolicyWeakeningException.class,
                        e -> assertThat(e.weakens()).contains("The rule kind protected_fields is removed."));
        assertThat(policies.versions(admin)).hasSize(1);
        assertThat(policyEvents().getLast().record().rule()).contains("weakens-protections");
        assertThat(policies.update(admin, PolicyTrees.with("unrestricted_departments", List.of()), false).version())
                .as("stricter: no confirmation needed").isEqualTo(2);
        assertThatThrownBy(() -> policies.activate(admin, 1, false))
                .isInstanceOf(dev.delegatedadmin.application.error.PolicyWeakeningException.class);
    }

    @Test
    void an_invalid_document_is_refused_whole_and_the_active_version_stays() {
        Map<String, Object> bad = PolicyTrees.withRules(Map.of("kind", "foo"), Map.of("kind", "no_self_block"));

        assertThatThrownBy(() -> policies.update(admin, bad, true))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("write_rules[8].kind", "write_rules[9].id"));
        assertThat(policies.versions(admin)).hasSize(1);
        assertThat(policies.current(admin).version()).isEqualTo(1);
    }

    @Test
    void activate_rolls_back_and_unknown_versions_are_404() {
        policies.update(admin, PolicyTrees.with("unrestricted_departments", List.of()), true);

        PolicyVersionView rolledBack = policies.activate(admin, 1, true);

        assertThat(rolledBack.version()).isEqualTo(1);
        assertThat(policies.current(admin).version()).isEqualTo(1);
        assertThat(versions.activePolicy().departments().unrestricted()).containsExactly(new Department("IT"));
        assertThat(policies.versions(admin)).extracting(PolicyVersionView::version, PolicyVersionView::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, false), org.assertj.core.groups.Tuple.tuple(1L, true));
        assertThat(policyEvents().getLast().record().message()).contains("Policy version 2 -> 1, rollback or roll-forward; confirmed, it weakens: The department IT becomes unrestricted.");
        assertThatThrownBy(() -> policies.activate(admin, 99, true)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> policies.version(admin, 99)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void only_administrators_administer_policies_and_refused_changes_are_audited() {
        assertThatThrownBy(() -> policies.current(kelly)).isInstanceOfSatisfying(DeniedException.class,
                e -> assertThat(e.rule()).isEqualTo("role-required"));
        assertThatThrownBy(() -> policies.update(kelly, PolicyTrees.shippedDefault(), true)).isInstanceOf(DeniedException.class);
        assertThatThrownBy(() -> policies.activate(kelly, 1, true)).isInstanceOf(DeniedException.class);
        assertThatThrownBy(() -> policies.simulate(new SimulationCommand(kelly, kelly.actor(), WriteMethod.CREATE,
                WritePayload.empty(), Optional.empty()))).isInstanceOf(DeniedException.class);

        assertThat(policyEvents()).filteredOn(e -> e.record().decision() == AuditDecision.DENIED)
                .extracting(e -> e.record().action()).containsExactly(AuditAction.POLICY_UPDATE, AuditAction.POLICY_ACTIVATE);
        assertThat(policies.versions(admin)).hasSize(1);
    }

    @Test
    void simulate_denies_with_the_rule_and_message_and_writes_nothing() {
        int auditRows = audit.all().size();
        WritePayload payload = WritePayload.empty().withEmail(new Email("new@example.com")).withMemberships(List.of(HR));

        assertThat(policies.simulate(new SimulationCommand(admin, kelly.actor(), WriteMethod.CREATE, payload, Optional.empty())))
                .isEqualTo(Simulation.denied(1, "own-department-only", WritePolicy.OWN_DEPARTMENT_ONLY));
        assertThat(audit.all()).hasSize(auditRows);
        assertThat(idp.calls()).isEmpty();
    }

    @Test
    void simulate_allows_with_the_final_profile_and_on_update_the_changes() {
        WritePayload payload = WritePayload.empty().withEmail(new Email("new@example.com")).withPassword(new Password("pw-123456"))
                .withMemberships(List.of(FINANCE));

        Simulation allowed = policies.simulate(new SimulationCommand(admin, kelly.actor(), WriteMethod.CREATE,
                payload, Optional.empty()));
        assertThat(allowed.verdict()).isEqualTo(Simulation.Verdict.ALLOWED);
        assertThat(allowed.profile().orElseThrow().appMetadata().values()).isEqualTo(Map.of("department", "Finance"));
        assertThat(allowed.profile().orElseThrow().connection()).map(Object::toString).contains("Username-Password-Authentication");
        assertThat(allowed.changes()).isEmpty();

        User fred = idp.seed("fred@example.com", "Finance", List.of(), null);
        Simulation update = policies.simulate(new SimulationCommand(admin, kelly.actor(), WriteMethod.UPDATE,
                WritePayload.empty().withUserMetadata(MetadataPatch.of(Map.of("team", "AP"))), Optional.of(fred)));
        assertThat(update.changes().orElseThrow().userMetadata()).isEqualTo(Map.of("team", "AP"));
        assertThat(idp.calls()).isEmpty();
    }

    @Test
    void simulate_reports_invalid_input_before_the_rules() {
        policies.update(admin, PolicyTrees.with("user_fields", List.of(Map.of("name", "cost_center", "required", true))), true);
        WritePayload payload = WritePayload.empty().withEmail(new Email("new@example.com"))
                .withMemberships(List.of(new Department("Legal")));

        assertThat(policies.simulate(new SimulationCommand(admin, kelly.actor(), WriteMethod.CREATE, payload, Optional.empty())))
                .isEqualTo(Simulation.invalid(2, List.of(new FieldError("payload.memberships[0]", "Unknown department: Legal"))));
        assertThat(policies.simulate(new SimulationCommand(admin, kelly.actor(), WriteMethod.CREATE,
                payload.withMemberships(List.of(FINANCE)), Optional.empty())))
                .isEqualTo(Simulation.invalid(2, List.of(new FieldError("payload.user_metadata.cost_center", "Required."))));
    }

    @Test
    void custom_fields_are_validated_on_create_and_update_with_a_400_per_field() {
        policies.update(admin, PolicyTrees.with("user_fields", List.of(
                Map.of("name", "employee_type", "location", "app_metadata.employee_type", "type", "enum",
                        "allowed_values", List.of("staff", "contractor"), "required", true),
                Map.of("name", "contract_end", "location", "app_metadata.contract_end", "type", "date"))), true);
        WritePayload bad = WritePayload.empty().withEmail(new Email("c@example.com")).withMemberships(List.of(FINANCE))
                .withAppMetadata(MetadataPatch.of(Map.of("contract_end", "soon")));

        assertThatThrownBy(() -> writes.create(new CreateUserCommand(kelly, bad)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("app_metadata.employee_type", "Required."),
                        new FieldError("app_metadata.contract_end", "Must be a date (YYYY-MM-DD).")));
        User created = writes.create(new CreateUserCommand(kelly, bad.withAppMetadata(
                MetadataPatch.of(Map.of("employee_type", "contractor", "contract_end", "2027-03-31")))));
        assertThat(created.appMetadata().values()).containsEntry("contract_end", "2027-03-31");

        assertThatThrownBy(() -> writes.update(new UpdateUserCommand(kelly, created.id(),
                WritePayload.empty().withAppMetadata(MetadataPatch.of(Map.of("employee_type", "intern"))))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("app_metadata.employee_type", "Must be one of: staff, contractor.")));
    }
}
