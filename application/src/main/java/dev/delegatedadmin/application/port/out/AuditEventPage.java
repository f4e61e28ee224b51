package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.audit.AuditEvent;
import java.util.List;
import java.util.OptionalLong;

/** Newest first; {@code nextBeforeId} is empty on the last page. */
public record AuditEventPage(List<AuditEvent> events, OptionalLong nextBeforeId) {

    public AuditEventPage {
        events = List.copyOf(events);
    }
}
