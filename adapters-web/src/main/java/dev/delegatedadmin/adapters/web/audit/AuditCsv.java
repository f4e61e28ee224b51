package dev.delegatedadmin.adapters.web.audit;

import dev.delegatedadmin.adapters.web.audit.AuditEventController.AuditEventResponse;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** RFC 4180 rows of audit events; a cell a spreadsheet would run as a formula is prefixed with a quote. */
public final class AuditCsv {

    static final String HEADER = "id,occurred_at,request_id,client_request_id,actor_id,actor_email,actor_department,action,target_id,"
            + "target_email,target_department,decision,rule,message,changed_fields,changes,status,detail,completed_at\r\n";

    private AuditCsv() {
    }

    static String row(AuditEventResponse event, JsonMapper json) {
        List<String> cells = new ArrayList<>();
        cells.add(Long.toString(event.id()));
        cells.add(event.occurredAt().toString());
        cells.add(event.requestId());
        cells.add(event.clientRequestId());
        cells.add(event.actorId());
        cells.add(event.actorEmail());
        cells.add(event.actorDepartment());
        cells.add(event.action());
        cells.add(event.targetId());
        cells.add(event.targetEmail());
        cells.add(event.targetDepartment());
        cells.add(event.decision());
        cells.add(event.rule());
        cells.add(event.message());
        cells.add(String.join(";", event.changedFields()));
        cells.add(event.changes().isEmpty() ? "" : json.writeValueAsString(event.changes()));
        cells.add(event.status());
        cells.add(event.detail());
        cells.add(event.completedAt() == null ? null : event.completedAt().toString());
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
