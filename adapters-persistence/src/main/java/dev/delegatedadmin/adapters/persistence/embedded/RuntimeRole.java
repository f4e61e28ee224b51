package dev.delegatedadmin.adapters.persistence.embedded;

import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the role the service runs as, before the migrations (which grant it only what it needs, see V2 and V8),
 * and keeps its attributes and password in line with the secret file on every start.
 */
final class RuntimeRole {

    private RuntimeRole() {
    }

    /** {@code role} is a constant of this package (an identifier, not input). */
    static void ensure(DataSource superuser, String role, String password) {
        try (Connection connection = superuser.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "')"
                    + " then create role " + role + "; end if; end $$");
            sql.execute("alter role " + role + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
            // The driver sends a SCRAM verifier computed here, never the password.
            connection.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the embedded PostgreSQL's runtime role " + role, e);
        }
    }
}
