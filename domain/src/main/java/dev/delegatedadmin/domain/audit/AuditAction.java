package dev.delegatedadmin.domain.audit;

import java.util.Arrays;
import java.util.Optional;

/** What was attempted. */
public enum AuditAction {
    USER_CREATE("user.create"),
    USER_UPDATE("user.update"),
    USER_DELETE("user.delete"),
    SESSION_CREATE("session.create"),
    /** Logout: every token of the caller revoked (local IdP). */
    SESSION_DELETE("session.delete"),
    /** A brute-force block: too many failed log-ins for an account or from a client address (local IdP). */
    SESSION_LOCK("session.lock"),
    /** A brute-force block removed. */
    SESSION_UNLOCK("session.unlock"),
    POLICY_UPDATE("policy.update"),
    POLICY_ACTIVATE("policy.activate"),
    /** One post-login rule's outcome for one user (SPEC section 6). */
    LOGIN_RULE("login.rule");

    private final String externalName;

    AuditAction(String externalName) {
        this.externalName = externalName;
    }

    public String externalName() {
        return externalName;
    }

    public static Optional<AuditAction> fromExternalName(String name) {
        return Arrays.stream(values()).filter(a -> a.externalName.equals(name)).findFirst();
    }
}
