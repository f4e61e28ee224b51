package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Roles;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.User;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The rule kinds. Each is a record: its fields are its configuration. */
public final class WriteRules {

    private WriteRules() {
    }

    /** Seed rule 1: a user is created within a department, and an update cannot remove every membership. */
    public record MembershipRequired(String id, String message) implements WriteRule {
        public MembershipRequired {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            Optional<List<Department>> memberships = context.payload().memberships();
            boolean missing = context.isCreate()
                    ? memberships.map(List::isEmpty).orElse(true)
                    : memberships.map(List::isEmpty).orElse(false);
            return missing ? PolicyDecision.deny(id, message) : PolicyDecision.allow(profile);
        }
    }

    /** Seed rule 2: the actor must belong to a department (on update, only when memberships change). */
    public record ActorDepartmentRequired(String id, String message) implements WriteRule {
        public ActorDepartmentRequired {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            boolean applies = context.isCreate() || context.payload().memberships().isPresent();
            return applies && context.actor().department().isEmpty()
                    ? PolicyDecision.deny(id, message)
                    : PolicyDecision.allow(profile);
        }
    }

    /**
     * Seed rule 3, made safe: every membership (the seed checked only the first) must be within the
     * actor's scope, on create and whenever an update moves the user.
     */
    public record MembershipsWithinScope(String id, String message) implements WriteRule {
        public MembershipsWithinScope {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            boolean outside = context.payload().memberships().orElse(List.of()).stream()
                    .anyMatch(department -> !context.scope().includes(department));
            return outside ? PolicyDecision.deny(id, message) : PolicyDecision.allow(profile);
        }
    }

    /** Seed step 4: {@code app_metadata.department} comes from the first membership. Never denies. */
    public record DepartmentFromFirstMembership(String id) implements WriteRule {
        public DepartmentFromFirstMembership {
            WriteRule.requireId(id);
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            return PolicyDecision.allow(context.payload().primaryMembership()
                    .map(primary -> profile.withAppMetadata(profile.appMetadata().with(User.DEPARTMENT_KEY, primary.name())))
                    .orElse(profile));
        }
    }

    /**
     * A field only some roles may set or change. {@code editableBy} empty: nobody may set it to anything but
     * the value the policy derives (e.g. the department from the first membership).
     */
    public record ProtectedField(FieldPath path, Set<Role> editableBy, String message) {
        public ProtectedField {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(editableBy, "editableBy");
            editableBy = editableBy.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(editableBy));
            WriteRule.requireMessage(message);
        }
    }

    /**
     * Seed steps 4 and 5, made safe. The policy leaves protected keys of the payload aside when it builds the
     * profile; here each requested value is compared with the value the profile has without it (the stored
     * value, or what earlier rules derived). An equal value is a no-op; a different one needs a role in
     * {@code editableBy}. A whole-object {@code null} clears only unprotected keys: a protected key is removed
     * only by naming it.
     */
    public record ProtectedFields(String id, List<ProtectedField> fields) implements WriteRule {
        public ProtectedFields {
            WriteRule.requireId(id);
            fields = List.copyOf(fields);
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            Profile result = profile;
            for (ProtectedField field : fields) {
                MetadataPatch requested = field.path().kind().requested(context.payload());
                String key = field.path().key();
                if (!requested.touches(key)) {
                    continue;
                }
                Object wanted = requested.valueOf(key);
                Metadata current = result.metadata(field.path().kind());
                if (Objects.equals(wanted, current.get(key).orElse(null))) {
                    continue;
                }
                boolean permitted = field.editableBy().stream().anyMatch(context.actor()::has);
                if (!permitted) {
                    return PolicyDecision.deny(id, field.message());
                }
                Metadata changed = wanted == null ? current.without(key) : current.with(key, wanted);
                result = result.withMetadata(field.path().kind(), changed);
            }
            return PolicyDecision.allow(result);
        }

        Set<String> keys(MetadataKind kind) {
            return fields.stream()
                    .map(ProtectedField::path)
                    .filter(path -> path.kind() == kind)
                    .map(FieldPath::key)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
    }

    /** Seed warning: Auth0 creates users only in database connections. Applies the default connection. */
    public record DatabaseConnectionOnly(String id, String message, ConnectionName defaultConnection) implements WriteRule {
        public DatabaseConnectionOnly {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
            Objects.requireNonNull(defaultConnection, "defaultConnection");
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            if (!context.isCreate()) {
                return PolicyDecision.allow(profile);
            }
            ConnectionName connection = profile.connection().orElse(defaultConnection);
            return context.connections().isDatabaseConnection(connection)
                    ? PolicyDecision.allow(profile.withConnection(connection))
                    : PolicyDecision.deny(id, message);
        }
    }

    /** A user-admin must not take over an operator's or administrator's account by editing it. */
    public record TargetRoleNotAboveActor(String id, String message) implements WriteRule {
        public TargetRoleNotAboveActor {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            return context.originalUser()
                    .filter(target -> outranks(Roles.of(target), context.actor().roles()))
                    .<PolicyDecision>map(target -> PolicyDecision.deny(id, message))
                    .orElse(PolicyDecision.allow(profile));
        }

        public static boolean outranks(Set<Role> target, Set<Role> actor) {
            Optional<Role> targetTop = Roles.highest(target);
            Optional<Role> actorTop = Roles.highest(actor);
            return targetTop.isPresent() && (actorTop.isEmpty() || targetTop.get().compareTo(actorTop.get()) > 0);
        }
    }

    /** An actor cannot lock themself out by blocking their own account. */
    public record NoSelfBlock(String id, String message) implements WriteRule {
        public NoSelfBlock {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            boolean selfBlock = context.payload().blocked().orElse(false)
                    && context.originalUser().map(u -> context.actor().isSelf(u.id())).orElse(false);
            return selfBlock ? PolicyDecision.deny(id, message) : PolicyDecision.allow(profile);
        }
    }
}
