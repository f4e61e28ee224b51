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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

        /** The message of a protected field whose document gives none. */
        public static String defaultMessage(FieldPath path, Set<Role> editableBy) {
            if (path.equals(new FieldPath(MetadataKind.APP_METADATA, User.DEPARTMENT_KEY)) && editableBy.isEmpty()) {
                return WritePolicy.DEPARTMENT_PROTECTED;
            }
            if (path.equals(new FieldPath(MetadataKind.APP_METADATA, User.ROLES_KEY))
                    && editableBy.equals(Set.of(Role.ADMINISTRATOR))) {
                return WritePolicy.ROLES_PROTECTED;
            }
            if (editableBy.isEmpty()) {
                return path + " cannot be set or changed.";
            }
            return "Only " + String.join(" or ", editableBy.stream().sorted().map(Role::externalName).toList())
                    + " can set or change " + path + ".";
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

    /**
     * Allowed email domains: {@code byDepartment} for users of that department (the first membership, else the
     * stored department), {@code everywhere} for the others; no list at all: any domain. Exact, case-insensitive
     * match of the part after {@code @} (a subdomain is another domain). Checked whenever the email or the
     * department is set.
     */
    public record EmailDomains(String id, String message, Set<String> everywhere,
                               Map<Department, Set<String>> byDepartment) implements WriteRule {
        public EmailDomains {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
            everywhere = lowerCase(everywhere);
            Map<Department, Set<String>> copy = new TreeMap<>();
            byDepartment.forEach((department, domains) -> copy.put(department, lowerCase(domains)));
            byDepartment = Collections.unmodifiableMap(copy);
        }

        private static Set<String> lowerCase(Set<String> domains) {
            return domains.stream().map(d -> d.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            boolean relevant = context.isCreate() || context.payload().email().isPresent()
                    || context.payload().memberships().isPresent();
            if (!relevant || profile.email().isEmpty()) {
                return PolicyDecision.allow(profile);
            }
            Optional<Department> department = context.payload().primaryMembership()
                    .or(() -> context.originalUser().flatMap(User::department));
            Set<String> allowed = department.map(byDepartment::get).orElse(null);
            if (allowed == null) {
                allowed = everywhere;
            }
            if (allowed.isEmpty()) {
                return PolicyDecision.allow(profile);
            }
            String address = profile.email().get().value();
            String domain = address.substring(address.lastIndexOf('@') + 1);
            return allowed.contains(domain) ? PolicyDecision.allow(profile) : PolicyDecision.deny(id, message);
        }
    }

    /**
     * Fields that actors whose highest role is one of {@code roles} may not change on update: {@code email},
     * {@code password}, {@code blocked}, or a metadata path. Setting a field to its current value is no change.
     * Creating is not editing: what a new user may carry is the user fields' and protected fields' business.
     */
    public record RoleRestrictedFields(String id, String message, Set<Role> roles, List<String> fields)
            implements WriteRule {
        public static final Set<String> TOP_LEVEL = Set.of("email", "password", "blocked");

        public RoleRestrictedFields {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
            roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
            fields = List.copyOf(fields);
            for (String field : fields) {
                if (!TOP_LEVEL.contains(field)) {
                    FieldPath.parse(field);
                }
            }
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            Optional<Role> top = context.actor().highestRole();
            if (context.isCreate() || top.isEmpty() || !roles.contains(top.get())) {
                return PolicyDecision.allow(profile);
            }
            for (String field : fields) {
                if (FieldChange.changes(field, context)) {
                    return PolicyDecision.deny(id, message);
                }
            }
            return PolicyDecision.allow(profile);
        }
    }

    /** What the password policy can require besides a length. */
    public enum CharacterClass {
        LOWERCASE("a lower-case letter"), UPPERCASE("an upper-case letter"), DIGIT("a digit"), SYMBOL("a symbol");

        private final String description;

        CharacterClass(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        boolean foundIn(String password) {
            return password.codePoints().anyMatch(c -> switch (this) {
                case LOWERCASE -> Character.isLowerCase(c);
                case UPPERCASE -> Character.isUpperCase(c);
                case DIGIT -> Character.isDigit(c);
                case SYMBOL -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
            });
        }
    }

    /**
     * A password policy for connections whose passwords we see (the local IdP; Auth0 has its own as well): a
     * minimum length in code points and required character classes. {@code connections} empty: every connection.
     */
    public record PasswordPolicy(String id, String message, int minLength, Set<CharacterClass> require,
                                 Set<ConnectionName> connections) implements WriteRule {
        public PasswordPolicy {
            WriteRule.requireId(id);
            WriteRule.requireMessage(message);
            if (minLength < 1 || minLength > 256) {
                throw new dev.delegatedadmin.domain.shared.InvalidValueException("min_length",
                        "min_length is between 1 and 256.");
            }
            require = require.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(require));
            connections = Set.copyOf(connections);
        }

        /** "A password needs at least 12 characters, a digit and a symbol." */
        public static String describe(int minLength, Set<CharacterClass> require) {
            List<String> parts = new java.util.ArrayList<>();
            parts.add("at least " + minLength + " characters");
            EnumSet.copyOf(require.isEmpty() ? EnumSet.noneOf(CharacterClass.class) : require)
                    .forEach(c -> parts.add(c.description()));
            String joined = parts.size() == 1 ? parts.getFirst()
                    : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
            return "A password needs " + joined + ".";
        }

        @Override
        public PolicyDecision apply(WriteContext context, Profile profile) {
            if (profile.password().isEmpty()) {
                return PolicyDecision.allow(profile);
            }
            Optional<ConnectionName> connection = profile.connection();
            if (!connections.isEmpty() && connection.map(c -> !connections.contains(c)).orElse(false)) {
                return PolicyDecision.allow(profile);
            }
            String password = profile.password().get().reveal();
            boolean ok = password.codePointCount(0, password.length()) >= minLength
                    && require.stream().allMatch(c -> c.foundIn(password));
            return ok ? PolicyDecision.allow(profile) : PolicyDecision.deny(id, message);
        }
    }
}
