package dev.delegatedadmin.adapters.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege setup of docs/decisions.md: with the role delegated_admin_app created before migrating, the
 * application may insert and select audit rows, and nothing else, even with the triggers switched off.
 */
public class AuditRoleTest {

    @Test
    void the_application_role_inserts_and_selects_audit_rows_only() throws SQLException {
        DataSource dataSource = TestDatabase.freshDatabase();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            // Roles belong to the server, shared by the test databases.
            sql.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'delegated_admin_app')"
                    + " then create role delegated_admin_app nologin; end if; end $$");
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("set role delegated_admin_app");
            sql.execute("insert into audit_event (occurred_at, action, decision, status) values (now(), 'user.delete',"
                    + " 'allowed', 'pending')");
            sql.execute("insert into audit_outcome (event_id, outcome, completed_at) select max(id), 'succeeded', now()"
                    + " from audit_event");
            sql.execute("insert into audit_instance (instance_id, started_at, heartbeat_at) values ('i', now(), now())");
            sql.execute("update audit_instance set heartbeat_at = now()");
            sql.execute("select count(*) from audit_event");
            for (String forbidden : new String[] {
                    "update audit_event set actor_id = 'x'", "delete from audit_event", "truncate audit_event",
                    "update audit_outcome set outcome = 'failed'", "delete from audit_outcome",
                    "delete from audit_seal", "set session_replication_role = replica"}) {
                assertThatThrownBy(() -> sql.execute(forbidden)).as(forbidden).isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
            sql.execute("reset role");
            assertThat(connection.isValid(1)).isTrue();
        }
    }
}
