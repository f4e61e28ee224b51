package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.user.ConnectionName;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of write-rule kinds, the one place that says, for each: its name in the document, its default id
 * and message, the keys it takes besides {@code kind}, {@code id} and {@code message}, and how its rule is built.
 * The parser, {@link WritePolicy#shippedDefault} and the JSON Schema's test all read it. Declared in the order
 * the "unknown rule kind" error lists them.
 */
public enum RuleKind {
    TARGET_ROLE_NOT_ABOVE_ACTOR("target_role_not_above_actor", "higher-role-protected",
            "You cannot change or delete a user whose role is higher than yours.", Set.of(),
            p -> () -> new WriteRules.TargetRoleNotAboveActor(p.id(), p.message())),
    NO_SELF_BLOCK("no_self_block", "no-self-block", "You cannot block yourself.", Set.of(),
            p -> () -> new WriteRules.NoSelfBlock(p.id(), p.message())),
    MEMBERSHIP_REQUIRED("membership_required", "membership-required",
            "The user must be created within a department.", Set.of(),
            p -> () -> new WriteRules.MembershipRequired(p.id(), p.message())),
    ACTOR_DEPARTMENT_REQUIRED("actor_department_required", "actor-department-required",
            "The current user is not part of any department.", Set.of(),
            p -> () -> new WriteRules.ActorDepartmentRequired(p.id(), p.message())),
    MEMBERSHIPS_WITHIN_SCOPE("memberships_within_scope", "own-department-only",
            "You can only create users within your own department.", Set.of(),
            p -> () -> new WriteRules.MembershipsWithinScope(p.id(), p.message())),
    /** Never denies: no message. */
    DEPARTMENT_FROM_FIRST_MEMBERSHIP("department_from_first_membership", "department-from-membership", null, Set.of(),
            p -> () -> new WriteRules.DepartmentFromFirstMembership(p.id())),
    /** A message per field, none for the rule. */
    PROTECTED_FIELDS("protected_fields", "protected-field", null, Set.of("fields"), p -> {
        List<WriteRules.ProtectedField> fields = p.protectedFields("fields");
        return () -> new WriteRules.ProtectedFields(p.id(), fields);
    }),
    DATABASE_CONNECTION_ONLY("database_connection_only", "database-connection",
            "Users can only be created in a database connection.", Set.of("default_connection"), p -> {
        ConnectionName connection = p.connection("default_connection");
        return () -> new WriteRules.DatabaseConnectionOnly(p.id(), p.message(), connection);
    }),
    EMAIL_DOMAINS("email_domains", "email-domain", "The email address's domain is not allowed for this department.",
            Set.of("domains", "by_department"), p -> {
        Set<String> everywhere = p.domains("domains");
        Map<Department, Set<String>> byDepartment = p.domainsByDepartment("by_department");
        p.require(null, !everywhere.isEmpty() || !byDepartment.isEmpty(), "Give domains, by_department or both.");
        return () -> new WriteRules.EmailDomains(p.id(), p.message(), everywhere, byDepartment);
    }),
    ROLE_RESTRICTED_FIELDS("role_restricted_fields", "role-restricted-field", "Your role cannot change this field.",
            Set.of("roles", "fields"), p -> {
        var roles = p.roles("roles");
        p.require("roles", !roles.isEmpty(), "At least one role is required.");
        List<String> fields = p.fields("fields");
        p.require("fields", !fields.isEmpty(), "At least one field is required.");
        return () -> new WriteRules.RoleRestrictedFields(p.id(), p.message(), roles, fields);
    }),
    /** The default message describes the settings. */
    PASSWORD_POLICY("password_policy", "password-policy", null, Set.of("min_length", "require", "connections"), p -> {
        int minLength = p.integer("min_length", 8, 1, 256);
        Set<WriteRules.CharacterClass> require = p.enumValues("require", WriteRules.CharacterClass.class);
        Set<ConnectionName> connections = p.connections("connections");
        String message = p.message(WriteRules.PasswordPolicy.describe(minLength, require));
        return () -> new WriteRules.PasswordPolicy(p.id(), message, minLength, require, connections);
    }),
    NO_SELF_CHANGE("no_self_change", "no-self-change",
            "You cannot change your own blocked state, roles, department or memberships.", Set.of(),
            p -> () -> new GuardRules.NoSelfChange(p.id(), p.message())),
    NO_SELF_DELETE("no_self_delete", "no-self-delete", "You cannot delete yourself.", Set.of(),
            p -> () -> new GuardRules.NoSelfDelete(p.id(), p.message())),
    /** {@code actions} absent: all of them. */
    HIGHER_ROLE_REQUIRED("higher_role_required", "peer-protected",
            "Changing the email or password of, blocking or deleting a user with a role needs a higher role than theirs.",
            Set.of("actions"), p -> {
        Set<String> actions = p.has("actions")
                ? p.choices("actions", GuardRules.HigherRoleRequired.ACTIONS, "One of delete, email, password, blocked.")
                : GuardRules.HigherRoleRequired.ACTIONS;
        return () -> new GuardRules.HigherRoleRequired(p.id(), p.message(), actions);
    });

    /** Reads a rule's parameters (reporting what is wrong), then builds it only when nothing was. */
    @FunctionalInterface
    public interface Factory {
        Builder read(RuleParameters parameters);
    }

    /** Builds the rule from parameters already read and checked; may still refuse a combination of them. */
    @FunctionalInterface
    public interface Builder {
        WriteRule build();
    }

    /** The keys every rule takes. */
    public static final Set<String> COMMON_KEYS = Set.of("kind", "id", "message");

    private final String externalName;
    private final String defaultId;
    private final String defaultMessage;
    private final Set<String> parameters;
    private final Factory factory;

    RuleKind(String externalName, String defaultId, String defaultMessage, Set<String> parameters, Factory factory) {
        this.externalName = externalName;
        this.defaultId = defaultId;
        this.defaultMessage = defaultMessage;
        this.parameters = parameters;
        this.factory = factory;
    }

    /** The {@code kind} in the document. */
    public String externalName() {
        return externalName;
    }

    public String defaultId() {
        return defaultId;
    }

    /** Empty for a kind without a message of its own, or whose default is generated from its settings. */
    public Optional<String> defaultMessage() {
        return Optional.ofNullable(defaultMessage);
    }

    /** Whether a rule of this kind has a {@code message} key. */
    public boolean takesMessage() {
        return this != DEPARTMENT_FROM_FIRST_MEMBERSHIP && this != PROTECTED_FIELDS;
    }

    /** The keys a rule of this kind may have. */
    public Set<String> allowedKeys() {
        Set<String> keys = new java.util.HashSet<>(COMMON_KEYS);
        keys.addAll(parameters);
        if (!takesMessage()) {
            keys.remove("message");
        }
        return Set.copyOf(keys);
    }

    /** The keys besides {@code kind}, {@code id} and {@code message}. */
    public Set<String> parameters() {
        return parameters;
    }

    public Factory factory() {
        return factory;
    }

    public static Optional<RuleKind> named(String externalName) {
        return Arrays.stream(values()).filter(k -> k.externalName.equals(externalName)).findFirst();
    }

    /** "target_role_not_above_actor, no_self_block, ...", in declaration order. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(RuleKind::externalName).toList());
    }

    /** The default message; only for a kind that has a fixed one. */
    String message() {
        return defaultMessage().orElseThrow(() -> new IllegalStateException(externalName + " has no fixed message"));
    }
}
