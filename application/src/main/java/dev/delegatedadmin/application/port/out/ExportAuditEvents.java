package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.audit.AuditEvent;
import java.util.function.Consumer;

/** Reading the whole (filtered) audit trail at once. */
public interface ExportAuditEvents {

    /**
     * Every matching event, newest first, handed to {@code sink} one at a time, so that an export of any size needs
     * bounded memory.
     */
    void export(AuditFilter filter, Consumer<AuditEvent> sink);
}
