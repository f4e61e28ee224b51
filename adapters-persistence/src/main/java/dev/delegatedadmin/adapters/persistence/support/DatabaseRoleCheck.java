package dev.delegatedadmin.adapters.persistence.support;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Warns at start when the role the service runs as could get past the audit trail's append-only triggers: then
 * anyone who takes over the service's connection (or its password) can rewrite the evidence, which only the chain
 * would reveal. Not an error, so that a one-role set-up still runs (docs/operations.md, "Database roles").
 */
public final class DatabaseRoleCheck {

    private static final System.Logger LOG = System.getLogger(DatabaseRoleCheck.class.getName());

    private final DSLContext dsl;

    public DatabaseRoleCheck(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Why the current role can bypass the audit triggers; empty when it cannot. */
    List<String> bypasses() {
        Record role = dsl.fetchOne("""
                select current_user as name, r.rolsuper, r.rolbypassrls, r.rolreplication,
                       exists (select 1 from pg_class c
                               where c.relname in ('audit_event', 'audit_outcome', 'audit_seal')
                                 and c.relnamespace = current_schema()::regnamespace
                                 and pg_has_role(current_user, c.relowner, 'USAGE')) as owns_audit_tables,
                       has_parameter_privilege('session_replication_role', 'SET') as sets_replication_role
                from pg_roles r where r.rolname = current_user""");
        List<String> reasons = new ArrayList<>();
        if (role.get("rolsuper", Boolean.class)) {
            reasons.add("is a superuser");
        }
        if (role.get("owns_audit_tables", Boolean.class)) {
            reasons.add("owns the audit tables (can disable their triggers)");
        }
        if (role.get("sets_replication_role", Boolean.class)) {
            reasons.add("may set session_replication_role (skips the triggers)");
        }
        if (role.get("rolbypassrls", Boolean.class)) {
            reasons.add("has BYPASSRLS");
        }
        if (role.get("rolreplication", Boolean.class)) {
            reasons.add("has REPLICATION");
        }
        return reasons;
    }

    void warnIfPrivileged() {
        List<String> reasons = bypasses();
        if (!reasons.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "The database role '" + dsl.fetchValue("select current_user")
                    + "' the service runs as " + String.join(", ", reasons) + ": it can bypass the audit trail's"
                    + " append-only triggers. Run the service as a runtime role with only INSERT and SELECT on the audit"
                    + " tables and migrate as another (DATABASE_MIGRATION_USER); see docs/operations.md, \"Database roles\".");
        }
    }
}
