package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.User;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered rules evaluated on create, update and delete. The first denial wins; otherwise the profile that the
 * rules shaped is the one sent to the IdP ({@link NewUser#from}, {@link UserChanges#between}).
 */
public record WritePolicy(DepartmentSettings departments, List<WriteRule> rules) {

    public static final String MEMBERSHIP_REQUIRED = "The user must be created within a department.";
    public static final String ACTOR_DEPARTMENT_REQUIRED = "The current user is not part of any department.";
    public static final String OWN_DEPARTMENT_ONLY = "You can only create users within your own department.";
    public static final String DEPARTMENT_PROTECTED =
            "app_metadata.department is set from the first membership and cannot name another department.";
    public static final String ROLES_PROTECTED = "Only an administrator can set or change app_metadata.roles.";
    public static final String DATABASE_CONNECTION_ONLY = "Users can only be created in a database connection.";
    public static final String HIGHER_ROLE_PROTECTED = "You cannot change or delete a user whose role is higher than yours.";
    public static final String NO_SELF_BLOCK = "You cannot block yourself.";
    public static final String NO_SELF_CHANGE =
            "You cannot change your own blocked state, roles, department or memberships.";
    public static final String NO_SELF_DELETE = "You cannot delete yourself.";
    public static final String PEER_PROTECTED =
            "Changing the email or password of, blocking or deleting a user with a role needs a higher role than theirs.";

    public WritePolicy {
        Objects.requireNonNull(departments, "departments");
        rules = List.copyOf(rules);
        Set<String> ids = new HashSet<>();
        for (WriteRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("Duplicate rule id " + rule.id());
            }
        }
    }

    /** SPEC section 3: the seed's write hook, with its escalations closed. */
    public static WritePolicy shippedDefault(DepartmentSettings departments) {
        return new WritePolicy(departments, List.of(
                new WriteRules.TargetRoleNotAboveActor("higher-role-protected", HIGHER_ROLE_PROTECTED),
                new WriteRules.NoSelfBlock("no-self-block", NO_SELF_BLOCK),
                new GuardRules.NoSelfChange("no-self-change", NO_SELF_CHANGE),
                new GuardRules.NoSelfDelete("no-self-delete", NO_SELF_DELETE),
                new GuardRules.HigherRoleRequired("peer-protected", PEER_PROTECTED, GuardRules.HigherRoleRequired.ACTIONS),
                new WriteRules.MembershipRequired("membership-required", MEMBERSHIP_REQUIRED),
                new WriteRules.ActorDepartmentRequired("actor-department-required", ACTOR_DEPARTMENT_REQUIRED),
                new WriteRules.MembershipsWithinScope("own-department-only", OWN_DEPARTMENT_ONLY),
                new WriteRules.DepartmentFromFirstMembership("department-from-membership"),
                new WriteRules.ProtectedFields("protected-field", List.of(
                        new WriteRules.ProtectedField(new FieldPath(MetadataKind.APP_METADATA, User.DEPARTMENT_KEY),
                                Set.of(), DEPARTMENT_PROTECTED),
                        new WriteRules.ProtectedField(new FieldPath(MetadataKind.APP_METADATA, User.ROLES_KEY),
                                Set.of(Role.ADMINISTRATOR), ROLES_PROTECTED))),
                new WriteRules.DatabaseConnectionOnly("database-connection", DATABASE_CONNECTION_ONLY,
                        ConnectionName.DEFAULT_DATABASE)));
    }

    public PolicyDecision evaluate(WriteContext context) {
        PolicyDecision decision = PolicyDecision.allow(initialProfile(context));
        for (WriteRule rule : rules) {
            if (!(decision instanceof PolicyDecision.Allowed(Profile profile))) {
                break;
            }
            decision = rule.apply(context, profile);
        }
        return decision;
    }

    /** The original user (or nothing) with the payload applied, except protected keys: their rule decides. */
    private Profile initialProfile(WriteContext context) {
        WritePayload payload = context.payload();
        Optional<User> original = context.originalUser();
        Metadata userMetadata = applyUnprotected(
                original.map(User::userMetadata).orElse(Metadata.EMPTY), payload.userMetadata(),
                protectedKeys(MetadataKind.USER_METADATA));
        Metadata appMetadata = applyUnprotected(
                original.map(User::appMetadata).orElse(Metadata.EMPTY), payload.appMetadata(),
                protectedKeys(MetadataKind.APP_METADATA));
        return new Profile(
                payload.email().or(() -> original.map(User::email)),
                payload.password(),
                payload.connection().or(() -> original.map(User::connection)),
                userMetadata,
                appMetadata,
                payload.blocked().orElse(original.map(User::blocked).orElse(false)));
    }

    private Set<String> protectedKeys(MetadataKind kind) {
        Set<String> keys = new HashSet<>();
        for (WriteRule rule : rules) {
            if (rule instanceof WriteRules.ProtectedFields fields) {
                keys.addAll(fields.keys(kind));
            }
        }
        return keys;
    }

    private static Metadata applyUnprotected(Metadata base, MetadataPatch patch, Set<String> protectedKeys) {
        MetadataPatch unprotected = patch.without(protectedKeys);
        if (!unprotected.replacesAll()) {
            return base.merge(unprotected);
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        base.values().forEach((key, value) -> {
            if (protectedKeys.contains(key)) {
                kept.put(key, value);
            }
        });
        return new Metadata(kept).merge(MetadataPatch.of(unprotected.changes()));
    }
}
