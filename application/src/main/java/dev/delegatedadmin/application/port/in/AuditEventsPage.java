package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.audit.AuditEvent;
import java.util.List;
import java.util.OptionalLong;

/** Newest first, as the reader may see them; {@code nextBeforeId} is empty on the last page. */
public record AuditEventsPage(List<AuditEvent> events, OptionalLong nextBeforeId) {

    public AuditEventsPage {
        events = List.copyOf(events);
    }
}
