package dev.delegatedadmin.domain.policy.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.policy.PolicyDecision;
import dev.delegatedadmin.domain.policy.WriteContext;
import dev.delegatedadmin.domain.policy.WriteMethod;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {

    static final Department FINANCE = new Department("Finance");
    static final Department HR = new Department("HR");
    static final Department IT = new Department("IT");
    static final Department SALES = new Department("Sales");

    /** The shipped default document as a tree, as the YAML parser produces it. */
    static Map<String, Object> shippedDefaultTree() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("departments", List.of("Finance", "HR", "IT", "Sales"));
        doc.put("unrestricted_departments", List.of("IT"));
        doc.put("write_rules", List.of(
                Map.of("kind", "target_role_not_above_actor"),
                Map.of("kind", "no_self_block"),
                Map.of("kind", "no_self_change"),
                Map.of("kind", "no_self_delete"),
                Map.of("kind", "higher_role_required", "actions", List.of("email", "password", "blocked", "delete")),
                Map.of("kind", "membership_required", "message", "The user must be created within a department."),
                Map.of("kind", "actor_department_required"),
                Map.of("kind", "memberships_within_scope"),
                Map.of("kind", "department_from_first_membership"),
                Map.of("kind", "protected_fields", "fields", List.of(
                        Map.of("path", "app_metadata.department", "editable_by", List.of()),
                        Map.of("path", "app_metadata.roles", "editable_by", List.of("administrator")))),
                Map.of("kind", "database_connection_only")));
        return doc;
    }

    static PolicyDocument valid(Object tree) {
        PolicyDocument.Parsed parsed = PolicyDocument.parse(tree);
        assertThat(parsed).as("%s", parsed).isInstanceOf(PolicyDocument.Valid.class);
        return ((PolicyDocument.Valid) parsed).document();
    }

    static List<String> errors(Object tree) {
        PolicyDocument.Parsed parsed = PolicyDocument.parse(tree);
        assertThat(parsed).isInstanceOf(PolicyDocument.Invalid.class);
        return ((PolicyDocument.Invalid) parsed).errors().stream().map(PolicyError::toString).toList();
    }

    static Map<String, Object> withRules(Map<String, Object>... rules) {
        Map<String, Object> doc = new LinkedHashMap<>(shippedDefaultTree());
        List<Object> all = new ArrayList<>((List<?>) doc.get("write_rules"));
        all.addAll(List.of(rules));
        doc.put("write_rules", all);
        return doc;
    }

    static Actor actor(String id, Department department, Role role) {
        return new Actor(new UserId(id), id + "@example.com", Optional.ofNullable(department), Set.of(role));
    }

    static PolicyDecision create(PolicyDocument doc, Actor actor, WritePayload payload) {
        return doc.writePolicy().evaluate(new WriteContext(WriteMethod.CREATE, actor, Scope.of(actor, doc.departments()),
                payload, Optional.empty(), c -> c.equals(ConnectionName.DEFAULT_DATABASE)));
    }

    static PolicyDecision update(PolicyDocument doc, Actor actor, User original, WritePayload patch) {
        return doc.writePolicy().evaluate(new WriteContext(WriteMethod.UPDATE, actor, Scope.of(actor, doc.departments()),
                patch, Optional.of(original), c -> true));
    }

    static WritePayload newUser(String email, Department... memberships) {
        return WritePayload.empty().withEmail(new Email(email)).withMemberships(List.of(memberships));
    }

    static User stored(String id, Department department, Map<String, Object> userMetadata) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new User(new UserId(id), new Email(id + "@example.com"), ConnectionName.DEFAULT_DATABASE, true, false,
                new Metadata(userMetadata), new Metadata(Map.of("department", department.name())), t, t, 1, Optional.empty());
    }

    static User storedWithApp(String id, Map<String, Object> appMetadata) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new User(new UserId(id), new Email(id + "@example.com"), ConnectionName.DEFAULT_DATABASE, true, false,
                Metadata.EMPTY, new Metadata(appMetadata), t, t, 1, Optional.empty());
    }

    static final Actor KELLY = actor("kelly", FINANCE, Role.USER_ADMIN);

    @Test
    void the_shipped_default_tree_is_the_spec_section_3_policy() {
        PolicyDocument doc = valid(shippedDefaultTree());
        WritePolicy expected = WritePolicy.shippedDefault(new DepartmentSettings(Set.of(FINANCE, HR, IT, SALES), Set.of(IT)));
        // Records all the way down: equal configuration is equal behaviour.
        assertThat(doc.writePolicy()).isEqualTo(expected);
        assertThat(doc.userFields()).isEmpty();
        assertThat(doc.loginRules()).isEmpty();
    }

    @Test
    void unrestricted_departments_default_to_IT() {
        Map<String, Object> tree = new LinkedHashMap<>(shippedDefaultTree());
        tree.remove("unrestricted_departments");
        assertThat(valid(tree).departments().unrestricted()).containsExactly(IT);
    }

    @Test
    void an_invalid_document_lists_every_error_with_its_path() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("departments", List.of("Finance", "IT", 5));
        tree.put("unrestricted_departments", List.of("Marketing"));
        tree.put("colour", "blue");
        tree.put("write_rules", List.of(
                Map.of("kind", "membership_required"),
                Map.of("kind", "membership_required"),
                Map.of("kind", "foo"),
                Map.of("kind", "email_domains", "by_department", Map.of("Legal", List.of("legal.example.com"))),
                Map.of("kind", "protected_fields", "fields", List.of(Map.of("path", "roles", "editable_by", List.of("king")))),
                "not a rule",
                Map.of("kind", "password_policy", "min_length", "twelve")));
        tree.put("user_fields", List.of(Map.of("name", "level", "type", "colour", "required", "yes")));
        tree.put("login_rules", List.of(Map.of("id", "x", "assign_roles", List.of("a"), "set_app_metadata", Map.of("a", 1))));

        assertThat(errors(tree)).containsExactlyInAnyOrder(
                "departments[2]: Must be a string.",
                "unrestricted_departments[0]: Unknown department \"Marketing\".",
                "colour: Unknown key.",
                "write_rules[1].id: Duplicate rule id \"membership-required\".",
                "write_rules[2].kind: Unknown rule kind \"foo\"; one of target_role_not_above_actor, no_self_block, "
                        + "membership_required, actor_department_required, memberships_within_scope, "
                        + "department_from_first_membership, protected_fields, database_connection_only, email_domains, "
                        + "role_restricted_fields, password_policy, no_self_change, no_self_delete, higher_role_required.",
                "write_rules[3].by_department.Legal: Unknown department \"Legal\".",
                "write_rules[4].fields[0].path: A field path is user_metadata.<key> or app_metadata.<key>.",
                "write_rules[4].fields[0].editable_by[0]: Unknown role \"king\"; one of auditor, user-admin, operator, administrator.",
                "write_rules[5]: Must be an object.",
                "write_rules[6].min_length: Must be an integer.",
                "user_fields[0].type: Must be one of string, integer, number, boolean, enum, date.",
                "user_fields[0].required: Must be true or false.",
                "login_rules[0]: Exactly one of assign_organization, assign_roles, set_app_metadata.");
    }

    @Test
    void the_root_must_be_an_object_and_departments_are_required() {
        assertThat(errors(List.of())).containsExactly("$: Must be an object.");
        assertThat(errors(Map.of("write_rules", List.of()))).containsExactly("departments: Required.");
        assertThat(errors(Map.of("departments", List.of("IT")))).containsExactly(
                "write_rules: Required (an empty list means no rules at all).");
    }

    @Test
    void also_manages_widens_a_department_admins_scope() {
        Map<String, Object> tree = new LinkedHashMap<>(shippedDefaultTree());
        tree.put("also_manages", Map.of("HR", List.of("Finance")));
        PolicyDocument doc = valid(tree);
        Actor hrAdmin = actor("holly", HR, Role.USER_ADMIN);

        assertThat(Scope.of(hrAdmin, doc.departments()).departments()).containsExactly(FINANCE, HR);
        assertThat(create(doc, hrAdmin, newUser("f@example.com", FINANCE))).isInstanceOf(PolicyDecision.Allowed.class);
        assertThat(create(doc, hrAdmin, newUser("s@example.com", SALES)))
                .isEqualTo(new PolicyDecision.Denied("own-department-only", WritePolicy.OWN_DEPARTMENT_ONLY));
        // Not symmetric: Finance does not manage HR.
        assertThat(create(doc, KELLY, newUser("h@example.com", HR))).isInstanceOf(PolicyDecision.Denied.class);

        tree.put("also_manages", Map.of("HR", List.of("Legal"), "Legal", List.of("HR")));
        assertThat(errors(tree)).containsExactlyInAnyOrder(
                "also_manages.HR[0]: Unknown department \"Legal\".", "also_manages.Legal: Unknown department \"Legal\".");
    }

    @Nested
    class Rule_kinds {

        @Test
        void email_domains_per_department_allow_and_deny() {
            PolicyDocument doc = valid(withRules(Map.of("kind", "email_domains", "domains", List.of("example.com"),
                    "by_department", Map.of("Finance", List.of("finance.example.com")))));
            Actor it = actor("ivan", IT, Role.USER_ADMIN);

            assertThat(create(doc, KELLY, newUser("a@Finance.Example.com", FINANCE))).isInstanceOf(PolicyDecision.Allowed.class);
            assertThat(create(doc, KELLY, newUser("a@example.com", FINANCE))).isEqualTo(new PolicyDecision.Denied(
                    "email-domain", "The email address's domain is not allowed for this department."));
            assertThat(create(doc, it, newUser("a@example.com", HR))).isInstanceOf(PolicyDecision.Allowed.class);
            assertThat(create(doc, it, newUser("a@evil.example.org", HR))).isInstanceOf(PolicyDecision.Denied.class);
            // On update, a new email is checked against the stored department.
            User fred = stored("fred", FINANCE, Map.of());
            assertThat(update(doc, KELLY, fred, WritePayload.empty().withEmail(new Email("fred@gmail.com"))))
                    .isInstanceOf(PolicyDecision.Denied.class);
            assertThat(update(doc, KELLY, fred, WritePayload.empty().withBlocked(true)))
                    .isInstanceOf(PolicyDecision.Allowed.class);
        }

        @Test
        void role_restricted_fields_allow_and_deny() {
            PolicyDocument doc = valid(withRules(Map.of("kind", "role_restricted_fields", "id", "cost-center-locked",
                    "message", "Only an operator can change the cost center or the email.",
                    "roles", List.of("user-admin"), "fields", List.of("email", "user_metadata.cost_center"))));
            User fred = stored("fred", FINANCE, Map.of("cost_center", "CC-1"));
            Actor operator = actor("olga", FINANCE, Role.OPERATOR);

            assertThat(update(doc, KELLY, fred, WritePayload.empty().withUserMetadata(MetadataPatch.of(Map.of("cost_center", "CC-2")))))
                    .isEqualTo(new PolicyDecision.Denied("cost-center-locked", "Only an operator can change the cost center or the email."));
            assertThat(update(doc, KELLY, fred, WritePayload.empty().withEmail(new Email("fred2@example.com"))))
                    .isInstanceOf(PolicyDecision.Denied.class);
            // Resending the stored value is no change.
            assertThat(update(doc, KELLY, fred, WritePayload.empty().withUserMetadata(MetadataPatch.of(Map.of("cost_center", "CC-1")))))
                    .isInstanceOf(PolicyDecision.Allowed.class);
            assertThat(update(doc, operator, fred, WritePayload.empty().withUserMetadata(MetadataPatch.of(Map.of("cost_center", "CC-2")))))
                    .isInstanceOf(PolicyDecision.Allowed.class);
            // Creating is not editing.
            assertThat(create(doc, KELLY, newUser("new@example.com", FINANCE)
                    .withUserMetadata(MetadataPatch.of(Map.of("cost_center", "CC-9"))))).isInstanceOf(PolicyDecision.Allowed.class);
        }

        @Test
        void protected_fields_can_guard_any_metadata_key() {
            Map<String, Object> tree = new LinkedHashMap<>(shippedDefaultTree());
            tree.put("write_rules", List.of(Map.of("kind", "protected_fields", "id", "badge", "fields", List.of(
                    Map.of("path", "app_metadata.badge", "editable_by", List.of("operator"))))));
            PolicyDocument doc = valid(tree);
            User fred = stored("fred", FINANCE, Map.of());
            WritePayload badge = WritePayload.empty().withAppMetadata(MetadataPatch.of(Map.of("badge", "gold")));

            assertThat(update(doc, KELLY, fred, badge))
                    .isEqualTo(new PolicyDecision.Denied("badge", "Only operator can set or change app_metadata.badge."));
            assertThat(update(doc, actor("olga", FINANCE, Role.OPERATOR), fred, badge)).isInstanceOf(PolicyDecision.Allowed.class);
        }

        @Test
        void password_policy_allow_and_deny_with_a_described_message() {
            PolicyDocument doc = valid(withRules(Map.of("kind", "password_policy", "min_length", 12,
                    "require", List.of("uppercase", "digit", "symbol"))));
            String message = "A password needs at least 12 characters, an upper-case letter, a digit and a symbol.";

            assertThat(create(doc, KELLY, newUser("a@example.com", FINANCE).withPassword(new Password("Short1!"))))
                    .isEqualTo(new PolicyDecision.Denied("password-policy", message));
            assertThat(create(doc, KELLY, newUser("a@example.com", FINANCE).withPassword(new Password("longbutnoupper1!"))))
                    .isEqualTo(new PolicyDecision.Denied("password-policy", message));
            assertThat(create(doc, KELLY, newUser("a@example.com", FINANCE).withPassword(new Password("Correct-Horse-9"))))
                    .isInstanceOf(PolicyDecision.Allowed.class);
            assertThat(create(doc, KELLY, newUser("a@example.com", FINANCE))).isInstanceOf(PolicyDecision.Allowed.class);
        }

        @Test
        void ids_and_messages_can_be_configured() {
            Map<String, Object> tree = new LinkedHashMap<>(shippedDefaultTree());
            tree.put("write_rules", List.of(Map.of("kind", "membership_required", "id", "dept", "message", "Pick a department.")));
            PolicyDocument doc = valid(tree);
            assertThat(create(doc, KELLY, newUser("a@example.com"))).isEqualTo(new PolicyDecision.Denied("dept", "Pick a department."));
        }
    }

    @Nested
    class User_fields {

        PolicyDocument doc() {
            Map<String, Object> tree = new LinkedHashMap<>(shippedDefaultTree());
            tree.put("user_fields", List.of(
                    Map.of("name", "employee_type", "location", "app_metadata.employee_type", "type", "enum",
                            "allowed_values", List.of("staff", "contractor"), "required", true),
                    Map.of("name", "contract_end", "location", "app_metadata.contract_end", "type", "date"),
                    Map.of("name", "cost_center", "pattern", "^CC-[0-9]{4}$", "editable_on", List.of("create")),
                    Map.of("name", "desk", "type", "integer")));
            return valid(tree);
        }

        List<String> check(WriteMethod method, WritePayload payload, User original) {
            return doc().validateUserFields(method, payload, Optional.ofNullable(original)).stream()
                    .map(PolicyError::toString).toList();
        }

        @Test
        void create_checks_required_types_values_and_patterns() {
            WritePayload bad = newUser("a@example.com", FINANCE)
                    .withAppMetadata(MetadataPatch.of(Map.of("contract_end", "next year")))
                    .withUserMetadata(MetadataPatch.of(Map.of("cost_center", "42", "desk", 1.5)));
            assertThat(check(WriteMethod.CREATE, bad, null)).containsExactly(
                    "app_metadata.employee_type: Required.",
                    "app_metadata.contract_end: Must be a date (YYYY-MM-DD).",
                    "user_metadata.cost_center: Must match the pattern ^CC-[0-9]{4}$.",
                    "user_metadata.desk: Must be an integer.");
            WritePayload good = newUser("a@example.com", FINANCE)
                    .withAppMetadata(MetadataPatch.of(Map.of("employee_type", "contractor", "contract_end", "2027-03-31")))
                    .withUserMetadata(MetadataPatch.of(Map.of("cost_center", "CC-0042", "desk", 12, "free", "x")));
            assertThat(check(WriteMethod.CREATE, good, null)).isEmpty();
        }

        @Test
        void update_checks_only_what_changes() {
            User fred = stored("fred", FINANCE, Map.of("cost_center", "CC-0001"));
            assertThat(check(WriteMethod.UPDATE, WritePayload.empty().withBlocked(true), fred)).isEmpty();
            assertThat(check(WriteMethod.UPDATE, WritePayload.empty()
                    .withUserMetadata(MetadataPatch.of(Map.of("cost_center", "CC-0002")))
                    .withAppMetadata(MetadataPatch.of(Map.of("employee_type", "intern"))), fred)).containsExactly(
                    "app_metadata.employee_type: Must be one of: staff, contractor.",
                    "user_metadata.cost_center: Cannot be changed.");
            assertThat(check(WriteMethod.UPDATE, WritePayload.empty()
                    .withUserMetadata(MetadataPatch.of(Map.of("cost_center", "CC-0001"))), fred)).isEmpty();
            Map<String, Object> removal = new LinkedHashMap<>();
            removal.put("employee_type", null);
            assertThat(check(WriteMethod.UPDATE, WritePayload.empty().withAppMetadata(MetadataPatch.of(removal)),
                    storedWithApp("tom", Map.of("department", "Finance", "employee_type", "staff")))).containsExactly(
                    "app_metadata.employee_type: Required: it cannot be removed.");
        }
    }

    @Nested
    class Login_rules {

        @Test
        void the_post_login_issue_forms_are_accepted() {
            Map<String, Object> tree = new LinkedHashMap<>(shippedDefaultTree());
            tree.put("login_rules", List.of(
                    Map.of("id", "finance-org", "assign_organization", Map.of("organization_id", "org_finance")),
                    Map.of("id", "default-role", "when", Map.of("first_login", true), "assign_roles", List.of("rol_basic")),
                    Map.of("id", "stamp", "set_app_metadata", Map.of("provisioned_by", "delegated-admin"))));
            assertThat(valid(tree).loginRules()).containsExactly(
                    new LoginRule("finance-org", LoginRule.Condition.ALWAYS, new LoginRule.AssignOrganization("org_finance")),
                    new LoginRule("default-role", new LoginRule.Condition(Optional.of(true), Set.of(), Set.of(), Set.of()),
                            new LoginRule.AssignRoles(List.of("rol_basic"))),
                    new LoginRule("stamp", LoginRule.Condition.ALWAYS,
                            new LoginRule.SetAppMetadata(Map.of("provisioned_by", "delegated-admin"))));
        }

        @Test
        void a_login_rule_cannot_grant_this_products_roles_or_move_a_user() {
            Map<String, Object> tree = new LinkedHashMap<>(shippedDefaultTree());
            tree.put("login_rules", List.of(
                    Map.of("id", "grab", "set_app_metadata", Map.of("roles", List.of("administrator"))),
                    Map.of("id", "grab", "assign_organization", Map.of()),
                    Map.of("id", "x", "when", Map.of("departments", List.of("Legal")), "assign_roles", List.of("r"))));
            assertThat(errors(tree)).containsExactlyInAnyOrder(
                    "login_rules[0].set_app_metadata.roles: A login rule cannot set app_metadata.roles.",
                    "login_rules[1].id: Duplicate rule id \"grab\".",
                    "login_rules[1].assign_organization.organization_id: Required.",
                    "login_rules[2].when.departments[0]: Unknown department \"Legal\".");
        }

        @Test
        void templates_may_only_name_the_logins_connection() {
            Map<String, Object> tree = new LinkedHashMap<>(shippedDefaultTree());
            tree.put("login_rules", List.of(
                    Map.of("id", "ok", "when", Map.of("connection_strategies", List.of("google-oauth2")),
                            "set_app_metadata", Map.of("via", "{{ connection.name }}/{{connection.strategy}}")),
                    Map.of("id", "bad", "set_app_metadata", Map.of("secret", "{{event.secrets.KEY}}", "half", "{{x"))));
            assertThat(errors(tree)).containsExactlyInAnyOrder(
                    "login_rules[1].set_app_metadata.secret: Unknown variable {{event.secrets.KEY}}; known: "
                            + "[connection.id, connection.name, connection.strategy].",
                    "login_rules[1].set_app_metadata.half: Unbalanced {{ or }}.");
        }
    }
}
