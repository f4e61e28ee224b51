package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.audit.AuditEvent;
import java.util.function.Consumer;

public interface ExportAuditEventsUseCase {

    /**
     * Operators and administrators only: checked here, before anything is streamed, so that a refusal can still
     * be an error response. The returned export then writes every matching event, newest first.
     */
    AuditExport export(Caller caller, AuditCriteria criteria);

    /** An authorised export, not started yet. */
    record AuditExport(Consumer<Consumer<AuditEvent>> writer) {

        public void writeTo(Consumer<AuditEvent> sink) {
            writer.accept(sink);
        }
    }
}
