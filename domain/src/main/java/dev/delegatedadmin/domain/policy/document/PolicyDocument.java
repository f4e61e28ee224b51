package dev.delegatedadmin.domain.policy.document;

import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.policy.FieldPath;
import dev.delegatedadmin.domain.policy.MetadataKind;
import dev.delegatedadmin.domain.policy.WriteMethod;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The organisation's policy as one document (SPEC section 7): departments, write rules, custom user fields
 * and login rules. Read from a JSON-like tree (what a YAML or JSON parser produces) by {@link #parse}.
 */
public record PolicyDocument(WritePolicy writePolicy, List<UserField> userFields, List<LoginRule> loginRules) {

    public PolicyDocument {
        Objects.requireNonNull(writePolicy, "writePolicy");
        userFields = List.copyOf(userFields);
        loginRules = List.copyOf(loginRules);
    }

    /** A document with only write rules: what a plain {@link WritePolicy} means. */
    public static PolicyDocument of(WritePolicy writePolicy) {
        return new PolicyDocument(writePolicy, List.of(), List.of());
    }

    public DepartmentSettings departments() {
        return writePolicy.departments();
    }

    /** Either the document or every error, each with its path. */
    public sealed interface Parsed {
    }

    public record Valid(PolicyDocument document) implements Parsed {
    }

    public record Invalid(List<PolicyError> errors) implements Parsed {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** {@code tree}: Map, List, String, Number, Boolean and null, as Jackson or SnakeYAML produce them. */
    public static Parsed parse(Object tree) {
        return new PolicyDocumentParser().parse(tree);
    }

    /**
     * The custom fields' errors for a create or an update (a 400 each): types, allowed values, patterns,
     * required fields and fields not editable in this phase. Setting a field to its stored value is no change.
     */
    public List<PolicyError> validateUserFields(WriteMethod method, WritePayload payload, Optional<User> original) {
        List<PolicyError> errors = new ArrayList<>();
        for (UserField field : userFields) {
            FieldPath location = field.location();
            MetadataPatch patch = location.kind() == MetadataKind.USER_METADATA ? payload.userMetadata() : payload.appMetadata();
            String key = location.key();
            String path = location.toString();
            if (method == WriteMethod.CREATE) {
                Object value = patch.valueOf(key);
                if (value == null) {
                    if (field.required()) {
                        errors.add(new PolicyError(path, "Required."));
                    }
                    continue;
                }
                if (!field.editableOn().contains(UserField.Phase.CREATE)) {
                    errors.add(new PolicyError(path, "Cannot be set when the user is created."));
                    continue;
                }
                field.problemWith(value).ifPresent(problem -> errors.add(new PolicyError(path, problem)));
                continue;
            }
            Metadata stored = original.map(u -> location.kind() == MetadataKind.USER_METADATA ? u.userMetadata() : u.appMetadata())
                    .orElse(Metadata.EMPTY);
            Object before = stored.get(key).orElse(null);
            boolean removedByReplace = !patch.touches(key) && patch.replacesAll() && before != null;
            if (!patch.touches(key) && !removedByReplace) {
                continue;
            }
            Object value = removedByReplace ? null : patch.valueOf(key);
            if (Objects.equals(value, before)) {
                continue;
            }
            if (!field.editableOn().contains(UserField.Phase.UPDATE)) {
                errors.add(new PolicyError(path, "Cannot be changed."));
            } else if (value == null) {
                if (field.required()) {
                    errors.add(new PolicyError(path, "Required: it cannot be removed."));
                }
            } else {
                field.problemWith(value).ifPresent(problem -> errors.add(new PolicyError(path, problem)));
            }
        }
        return errors;
    }
}
