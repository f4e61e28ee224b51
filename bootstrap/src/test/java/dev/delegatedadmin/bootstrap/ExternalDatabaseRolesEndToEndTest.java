package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 12, an external database: Flyway migrates as DATABASE_MIGRATION_USER (the owner) and the whole service
 * runs as the runtime role, which may not touch written audit rows; a one-role set-up still runs, with a warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExternalDatabaseRolesEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-roles-1";
    private static final String WARNING = "can bypass the audit trail's append-only triggers";

    private static ConfigurableApplicationContext start(DataSource database, String user, String migrationUser) {
        TestDatabase.ConnectionInfo info = TestDatabase.connectionInfo(database);
        return new SpringApplicationBuilder(DelegatedAdminApplication.class)
                .properties(
                        "DATABASE_URL=" + info.url(),
                        "DATABASE_USER=" + user,
                        "DATABASE_PASSWORD=" + (info.password() == null ? "" : info.password()),
                        "DATABASE_MIGRATION_USER=" + migrationUser,
                        "DATABASE_MIGRATION_PASSWORD=" + (info.password() == null ? "" : info.password()),
                        "server.port=0",
                        "BOOTSTRAP_ADMIN_EMAIL=admin@localhost",
                        "BOOTSTRAP_ADMIN_PASSWORD=" + ADMIN_PASSWORD)
                .run();
    }

    @Test
    void the_service_runs_as_the_runtime_role_and_migrates_as_the_owner(CapturedOutput output) throws SQLException {
        DataSource database = TestDatabase.freshDatabase();
        String owner = TestDatabase.connectionInfo(database).user();
        sql(database, "do $$ begin if not exists (select 1 from pg_roles where rolname = 'delegated_admin_app')"
                + " then create role delegated_admin_app; end if; end $$", "alter role delegated_admin_app login");

        try (ConfigurableApplicationContext service = start(database, "delegated_admin_app", owner)) {
            Http http = new Http(((WebServerApplicationContext) service).getWebServer().getPort());
            String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
            Http.Response created = http.post("/api/v1/users", admin,
                    "{\"email\":\"roles@example.com\",\"password\":\"Roles-pass-12345\",\"memberships\":[\"HR\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Http.Response events = http.get("/api/v1/audit-events?action=user.create", admin);
            assertThat(events.status()).as(events.body()).isEqualTo(200);
            assertThat(events.body()).contains("roles@example.com");
        }
        assertThat(output.getAll()).doesNotContain(WARNING);
        // The tables belong to the migration role, not to the role the service ran as.
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("select distinct tableowner from pg_tables where tablename like 'audit_%'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(owner);
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void a_one_role_set_up_runs_with_a_warning(CapturedOutput output) {
        DataSource database = TestDatabase.freshDatabase();
        String owner = TestDatabase.connectionInfo(database).user();
        try (ConfigurableApplicationContext service = start(database, owner, "")) {
            assertThat(service.isRunning()).isTrue();
        }
        assertThat(output.getAll()).contains(WARNING).contains("is a superuser");
    }

    private static void sql(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
