package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.shared.InvalidValueException;
import java.util.regex.Pattern;

/**
 * One step of a write policy: a small function from the context and the profile so far to a decision.
 * Rules are data (kind, id, message, parameters) so that the organisation can configure them.
 */
public sealed interface WriteRule permits
        WriteRules.MembershipRequired,
        WriteRules.ActorDepartmentRequired,
        WriteRules.MembershipsWithinScope,
        WriteRules.DepartmentFromFirstMembership,
        WriteRules.ProtectedFields,
        WriteRules.DatabaseConnectionOnly,
        WriteRules.TargetRoleNotAboveActor,
        WriteRules.NoSelfBlock,
        WriteRules.EmailDomains,
        WriteRules.RoleRestrictedFields,
        WriteRules.PasswordPolicy,
        GuardRules.NoSelfChange,
        GuardRules.NoSelfDelete,
        GuardRules.HigherRoleRequired {

    Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");

    String id();

    PolicyDecision apply(WriteContext context, Profile profile);

    static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidValueException("id", "A rule id is 1 to 64 lower-case letters, digits or dashes.");
        }
        return id;
    }

    static String requireMessage(String message) {
        if (message == null || message.isBlank() || message.length() > 500) {
            throw new InvalidValueException("message", "A rule message is 1 to 500 characters.");
        }
        return message;
    }
}
