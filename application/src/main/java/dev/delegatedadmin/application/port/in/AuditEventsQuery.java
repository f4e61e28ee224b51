package dev.delegatedadmin.application.port.in;

import java.util.Objects;
import java.util.OptionalLong;

/** One page of the audit trail, newest first: the events older than {@code beforeId} (a keyset position). */
public record AuditEventsQuery(AuditCriteria criteria, OptionalLong beforeId, int limit) {

    public static final int MAX_LIMIT = 200;

    public AuditEventsQuery {
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(beforeId, "beforeId");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("1 <= limit <= " + MAX_LIMIT);
        }
    }
}
