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

    public static final String MEMBERSHIP_REQUIRED = RuleKind.MEMBERSHIP_REQUIRED.message();
    public static final String ACTOR_DEPARTMENT_REQUIRED = RuleKind.ACTOR_DEPARTMENT_REQUIRED.message();
    public static final String OWN_DEPARTMENT_ONLY = RuleKind.MEMBERSHIPS_WITHIN_SCOPE.message();
    public static final String DEPARTMENT_PROTECTED =
            "app_metadata.department is set from the first membership and cannot name another department.";
    public static final String ROLES_PROTECTED = "Only an administrator can set or change app_metadata.roles.";
    public static final String DATABASE_CONNECTION_ONLY = RuleKind.DATABASE_CONNECTION_ONLY.message();
    public static final String HIGHER_ROLE_PROTECTED = RuleKind.TARGET_ROLE_NOT_ABOVE_ACTOR.message();
    public static final String NO_SELF_BLOCK = RuleKind.NO_SELF_BLOCK.message();
    public static final String NO_SELF_CHANGE = RuleKind.NO_SELF_CHANGE.message();
    public static final String NO_SELF_DELETE = RuleKind.NO_SELF_DELETE.message();
    public static final String PEER_PROTECTED = RuleKind.HIGHER_ROLE_REQUIRED.message();

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

    /**
     * SPEC section 3: the seed's write hook, with its escalations closed. Ids and messages are the kinds' defaults
     * ({@link RuleKind}); the shipped YAML spells them out and a test holds it to this.
     */
    public static WritePolicy shippedDefault(DepartmentSettings departments) {
        return new WritePolicy(departments, List.of(
                new WriteRules.TargetRoleNotAboveActor(RuleKind.TARGET_ROLE_NOT_ABOVE_ACTOR.defaultId(), HIGHER_ROLE_PROTECTED),
                new WriteRules.NoSelfBlock(RuleKind.NO_SELF_BLOCK.defaultId(), NO_SELF_BLOCK),
                new GuardRules.NoSelfChange(RuleKind.NO_SELF_CHANGE.defaultId(), NO_SELF_CHANGE),
                new GuardRules.NoSelfDelete(RuleKind.NO_SELF_DELETE.defaultId(), NO_SELF_DELETE),
                new GuardRules.HigherRoleRequired(RuleKind.HIGHER_ROLE_REQUIRED.defaultId(), PEER_PROTECTED,
                        GuardRules.HigherRoleRequired.ACTIONS),
                new WriteRules.MembershipRequired(RuleKind.MEMBERSHIP_REQUIRED.defaultId(), MEMBERSHIP_REQUIRED),
                new WriteRules.ActorDepartmentRequired(RuleKind.ACTOR_DEPARTMENT_REQUIRED.defaultId(),
                        ACTOR_DEPARTMENT_REQUIRED),
                new WriteRules.MembershipsWithinScope(RuleKind.MEMBERSHIPS_WITHIN_SCOPE.defaultId(), OWN_DEPARTMENT_ONLY),
                new WriteRules.DepartmentFromFirstMembership(RuleKind.DEPARTMENT_FROM_FIRST_MEMBERSHIP.defaultId()),
                new WriteRules.ProtectedFields(RuleKind.PROTECTED_FIELDS.defaultId(), List.of(
                        new WriteRules.ProtectedField(new FieldPath(MetadataKind.APP_METADATA, User.DEPARTMENT_KEY),
                                Set.of(), DEPARTMENT_PROTECTED),
                        new WriteRules.ProtectedField(new FieldPath(MetadataKind.APP_METADATA, User.ROLES_KEY),
                                Set.of(Role.ADMINISTRATOR), ROLES_PROTECTED))),
                new WriteRules.DatabaseConnectionOnly(RuleKind.DATABASE_CONNECTION_ONLY.defaultId(),
                        DATABASE_CONNECTION_ONLY, ConnectionName.DEFAULT_DATABASE)));
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
