package dev.delegatedadmin.adapters.persistence.audit;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * Connections as the maintenance role ({@code delegated_admin_maintenance}, V13), the only role the audit trail's
 * delete trigger lets remove rows, and only archived ones. Not a {@link DataSource} bean itself, so that Boot's own
 * pool stays the service's.
 */
public record AuditMaintenanceDatabase(DataSource dataSource) {

    public AuditMaintenanceDatabase {
        Objects.requireNonNull(dataSource, "dataSource");
    }
}
