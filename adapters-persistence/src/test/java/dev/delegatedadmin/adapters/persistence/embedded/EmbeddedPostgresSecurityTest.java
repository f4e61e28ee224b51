package dev.delegatedadmin.adapters.persistence.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static dev.delegatedadmin.adapters.persistence.embedded.EmbeddedPostgresDataSourceFactoryTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 12: no OS user of the host reaches the embedded cluster without its generated secrets. */
class EmbeddedPostgresSecurityTest {

    @TempDir
    Path temp;

    @Test
    void refuses_every_connection_without_the_secret_and_keeps_the_secrets_owner_only() throws Exception {
        Path dataDirectory = temp.resolve("data");
        try (var postgres = EmbeddedPostgresDataSourceFactory.start(dataDirectory)) {
            assertLockedDown(postgres);
            assertThat(query(postgres.dataSource(), "select current_user")).containsExactly("delegated_admin_app");
            assertThat(query(postgres.dataSource(), "select rolsuper from pg_roles where rolname = current_user"))
                    .containsExactly("f");
        }
        // A restart keeps the secrets (and skips the single-user step).
        String secret = Files.readString(dataDirectory.resolve(PasswordAuthentication.SUPERUSER_SECRET));
        try (var postgres = EmbeddedPostgresDataSourceFactory.start(dataDirectory)) {
            assertLockedDown(postgres);
            assertThat(Files.readString(dataDirectory.resolve(PasswordAuthentication.SUPERUSER_SECRET))).isEqualTo(secret);
        }
    }

    @Test
    void a_data_directory_written_by_an_older_version_is_locked_down_on_start() throws Exception {
        Path dataDirectory = temp.resolve("legacy");
        // As the previous version started it: zonky's initdb with trust for every local connection.
        try (EmbeddedPostgres legacy = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start()) {
            String url = "jdbc:postgresql://localhost:" + legacy.getPort() + "/postgres";
            try (Connection trusted = connect(url, "postgres", null); Statement sql = trusted.createStatement()) {
                sql.execute("create table note (text text not null)");
                sql.execute("insert into note values ('kept')");
            }
        }
        assertThat(Files.readString(dataDirectory.resolve("pg_hba.conf"))).contains("trust");

        try (var postgres = EmbeddedPostgresDataSourceFactory.start(dataDirectory)) {
            assertLockedDown(postgres);
            assertThat(query(postgres.migrationDataSource(), "select text from note")).containsExactly("kept");
        }
    }

    private static void assertLockedDown(EmbeddedPostgresDataSourceFactory postgres) throws Exception {
        String url = postgres.jdbcUrl();
        assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:");
        for (String user : List.of("postgres", EmbeddedPostgresDataSourceFactory.RUNTIME_ROLE, "nobody")) {
            assertThatThrownBy(() -> connect(url, user, null).close()).as(user + " without a password")
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(url, user, "wrong").close()).as(user + " with a wrong password")
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        }
        DataSource superuser = postgres.migrationDataSource();
        assertThat(query(superuser, "show listen_addresses")).containsExactly("127.0.0.1");
        assertThat(query(superuser, "show unix_socket_directories")).containsExactly("");
        assertThat(query(superuser, "select distinct auth_method from pg_hba_file_rules")).containsExactly("scram-sha-256");

        Path directory = postgres.dataDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        for (String secret : List.of(PasswordAuthentication.SUPERUSER_SECRET, EmbeddedPostgresDataSourceFactory.RUNTIME_SECRET)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(secret))))
                    .as(secret).isEqualTo("rw-------");
        }
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }
}
