package dev.delegatedadmin.adapters.persistence.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL for tests: the server named by {@code TEST_DATABASE_URL} (with optional {@code TEST_DATABASE_USER}
 * and {@code TEST_DATABASE_PASSWORD}), otherwise one embedded server per JVM, started on first use and deleted
 * when the JVM exits.
 *
 * <p>Isolate test classes with {@link #freshDatabase()}; for Spring tests, pass {@link #connectionInfo(DataSource)}
 * to {@code spring.datasource.*}, e.g. from a {@code @DynamicPropertySource} method.
 * Databases created on a {@code TEST_DATABASE_URL} server are not dropped: use a throwaway server.
 */
public final class TestDatabase {

    /** How to connect to one database; {@code password} may be null. */
    public record ConnectionInfo(String url, String user, String password) {}

    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    // The server's default database, also used to create the fresh ones.
    private static volatile HikariDataSource server;

    private TestDatabase() {}

    /** The server's default database; shared by all callers of this JVM. */
    public static DataSource dataSource() {
        return server();
    }

    /** A new, empty database on the same server; its pool opens connections on first use. */
    public static DataSource freshDatabase() {
        HikariDataSource server = server();
        String name = "test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = server.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return pool(new ConnectionInfo(withDatabase(server.getJdbcUrl(), name), server.getUsername(), server.getPassword()));
    }

    /** URL and credentials of a data source returned by this class. */
    public static ConnectionInfo connectionInfo(DataSource dataSource) {
        if (!(dataSource instanceof HikariDataSource hikari)) {
            throw new IllegalArgumentException("Not a data source from TestDatabase: " + dataSource);
        }
        return new ConnectionInfo(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
    }

    private static HikariDataSource server() {
        HikariDataSource current = server;
        if (current == null) {
            synchronized (TestDatabase.class) {
                current = server;
                if (current == null) {
                    current = server = startServer();
                }
            }
        }
        return current;
    }

    private static HikariDataSource startServer() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return pool(new ConnectionInfo(url, System.getenv("TEST_DATABASE_USER"), System.getenv("TEST_DATABASE_PASSWORD")));
        }
        try {
            // Temporary data directory, stopped and deleted by Zonky's shutdown hook; fsync is off by default.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setPGStartupWait(Duration.ofSeconds(30)) // Zonky's 10 s is tight on a busy 2-core CI runner.
                    .start();
            return pool(new ConnectionInfo("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", null));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL (if running as root: it needs user namespaces,"
                    + " 'unshare -U'). Set TEST_DATABASE_URL to use another server.", e);
        }
    }

    // Lazy (no-arg constructor) and small, so that unused pools cost nothing.
    private static HikariDataSource pool(ConnectionInfo info) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(info.url());
        pool.setUsername(info.user());
        pool.setPassword(info.password());
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(0);
        return pool;
    }

    static String withDatabase(String url, String database) {
        Matcher matcher = DATABASE_IN_URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Unsupported JDBC URL: " + url);
        }
        return matcher.group(1) + "/" + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }
}
