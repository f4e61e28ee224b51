package dev.delegatedadmin.domain.audit;

import java.util.Arrays;
import java.util.Optional;

/** Where an attempt ended. {@code PENDING}: the intent is recorded and the IdP has not answered yet. */
public enum AuditStatus {
    PENDING("pending"),
    SUCCEEDED("succeeded"),
    NO_CHANGE("no_change"),
    DENIED("denied"),
    FAILED("failed"),
    UNKNOWN("unknown"),
    /** A login rule that did not act, with the reason in the message (e.g. the connection is not enabled). */
    SKIPPED("skipped");

    private final String externalName;

    AuditStatus(String externalName) {
        this.externalName = externalName;
    }

    public String externalName() {
        return externalName;
    }

    public static Optional<AuditStatus> fromExternalName(String name) {
        return Arrays.stream(values()).filter(s -> s.externalName.equals(name)).findFirst();
    }
}
