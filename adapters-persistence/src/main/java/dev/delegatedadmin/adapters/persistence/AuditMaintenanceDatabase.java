package dev.delegatedadmin.adapters.persistence;

import dev.delegatedadmin.application.error.StartupSettingException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.boot.convert.DurationStyle;

/**
 * Connections as the maintenance role ({@code delegated_admin_maintenance}, V13), the only role the audit trail's
 * delete trigger lets remove rows, and only archived ones. Not a {@link DataSource} bean itself, so that Boot's own
 * pool stays the service's.
 */
public record AuditMaintenanceDatabase(DataSource dataSource) {

    public AuditMaintenanceDatabase {
        Objects.requireNonNull(dataSource, "dataSource");
    }

    /** {@code AUDIT_RETENTION}: ISO-8601 ({@code P400D}, {@code PT12H}) or Spring's ({@code 400d}); positive. */
    static Duration retention(String value) {
        String text = value.strip();
        Duration duration;
        try {
            duration = text.toUpperCase(java.util.Locale.ROOT).startsWith("P") ? Duration.parse(text)
                    : DurationStyle.detectAndParse(text);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new StartupSettingException("AUDIT_RETENTION", "AUDIT_RETENTION '" + text + "' is not a duration.",
                    "Give an ISO-8601 duration such as P400D, or leave it unset to keep everything.");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new StartupSettingException("AUDIT_RETENTION", "AUDIT_RETENTION must be positive.",
                    "Give an ISO-8601 duration such as P400D, or leave it unset to keep everything.");
        }
        return duration;
    }
}
