package dev.delegatedadmin.adapters.persistence.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.adapters.persistence.embedded.EmbeddedPostgresDataSourceFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: the embedded default runs as a runtime role that may add and read audit rows and nothing more; only
 * the migration role (the schema's owner) could get past the triggers.
 */
public class RuntimeRoleTest {

    @TempDir
    Path temp;

    @Test
    void the_runtime_role_is_refused_every_statement_that_could_erase_evidence() throws Exception {
        try (var postgres = EmbeddedPostgresDataSourceFactory.start(temp.resolve("data"))) {
            Flyway.configure().dataSource(postgres.migrationDataSource()).locations("classpath:db/migration").load().migrate();

            try (Connection connection = postgres.dataSource().getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("insert into audit_event (occurred_at, action, decision, status) values (now(), 'user.delete',"
                        + " 'allowed', 'pending')");
                sql.execute("insert into audit_outcome (event_id, outcome, completed_at) select max(id), 'succeeded', now()"
                        + " from audit_event");
                sql.execute("select count(*) from audit_event join audit_outcome on audit_outcome.event_id = audit_event.id");
                sql.execute("select count(*) from audit_seal");
                sql.execute("update local_user set email = email");
                String[][] tables = {{"audit_event", "action"}, {"audit_outcome", "outcome"}, {"audit_seal", "kind"}};
                for (String[] tableAndColumn : tables) {
                    String table = tableAndColumn[0];
                    for (String forbidden : new String[] {
                            "update " + table + " set " + tableAndColumn[1] + " = " + tableAndColumn[1], "delete from " + table, "truncate " + table,
                            "alter table " + table + " disable trigger all",
                            "alter table " + table + " disable trigger user"}) {
                        assertThatThrownBy(() -> sql.execute(forbidden)).as(forbidden).isInstanceOf(SQLException.class)
                                .hasMessageMatching("(?s).*(permission denied|must be owner).*");
                    }
                }
                assertThatThrownBy(() -> sql.execute("set session_replication_role = replica"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> sql.execute("delete from flyway_schema_history"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            }

            var runtime = new DatabaseRoleCheck(DSL.using(postgres.dataSource(), SQLDialect.POSTGRES));
            assertThat(runtime.bypasses()).isEmpty();
            var migration = new DatabaseRoleCheck(DSL.using(postgres.migrationDataSource(), SQLDialect.POSTGRES));
            assertThat(migration.bypasses()).contains("is a superuser", "owns the audit tables (can disable their triggers)");
        }
    }
}
