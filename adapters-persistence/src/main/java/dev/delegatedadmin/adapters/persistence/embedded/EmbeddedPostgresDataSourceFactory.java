package dev.delegatedadmin.adapters.persistence.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.delegatedadmin.application.error.StartupSettingException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server run from the bundled binaries on a persistent data directory, for installations without
 * an external database. The directory is initialised on first start and kept across restarts.
 *
 * <p>Locked down (issue 12): the directory is 0700; the server listens on 127.0.0.1 only and demands a password
 * (SCRAM) from every connection; the superuser's and the runtime role's passwords are generated into
 * {@code db-superuser.secret} and {@code db-runtime.secret} (0600) in the directory. The service runs as the runtime
 * role {@value #RUNTIME_ROLE}; only migrations use the superuser.
 *
 * <p>The owner must call {@link #close()}: no JVM shutdown hook is registered, so that the database outlives
 * the components that still write to it while the application shuts down.
 */
public final class EmbeddedPostgresDataSourceFactory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresDataSourceFactory.class);

    /** The role the service runs as: only what it needs, see V2 and V8. */
    public static final String RUNTIME_ROLE = "delegated_admin_app";
    static final String RUNTIME_SECRET = "db-runtime.secret";
    /** The role retention deletes archived audit rows as (V13): nothing else, and nothing that is not archived. */
    public static final String MAINTENANCE_ROLE = "delegated_admin_maintenance";
    static final String MAINTENANCE_SECRET = "db-maintenance.secret";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String DATABASE = "postgres";
    // Zonky's name for the file it locks while a server runs on the directory.
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private final DataSource migrationDataSource;
    private final HikariDataSource dataSource;
    private final DataSource maintenanceDataSource;

    private EmbeddedPostgresDataSourceFactory(Path dataDirectory, EmbeddedPostgres postgres,
                                              DataSource migrationDataSource, HikariDataSource dataSource,
                                              DataSource maintenanceDataSource) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.migrationDataSource = migrationDataSource;
        this.dataSource = dataSource;
        this.maintenanceDataSource = maintenanceDataSource;
    }

    /** Starts the server on {@code dataDirectory} (created and initialised if needed) on a free local port. */
    public static EmbeddedPostgresDataSourceFactory start(Path dataDirectory) throws IOException {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        requireNonRootOrUserNamespaces();
        clearStaleServer(directory);
        // Known before initdb (which needs an empty directory), written into the directory right after it.
        Optional<String> existing = SecretFile.read(directory.resolve(PasswordAuthentication.SUPERUSER_SECRET));
        String superuserPassword = existing.orElseGet(SecretFile::generate);

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                // Zonky passes -F (fsync off) and synchronous_commit=off, fine for tests, not for real data.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // No Unix socket (its default directory is /tmp) and TCP on loopback only, with passwords (pg_hba.conf).
                .setServerConfig("listen_addresses", LOOPBACK)
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("password_encryption", "scram-sha-256")
                // Same collation and case mapping on every OS, independent of the host's locales (PostgreSQL 17+).
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("locale-provider", "builtin")
                .setLocaleConfig("builtin-locale", "C.UTF-8")
                .setPgBinaryResolver(PasswordAuthentication.Binaries.INSTANCE)
                .setOverrideWorkingDirectory(PasswordAuthentication.Binaries.workingDirectory().toFile())
                .setDataDirectoryCustomizer(d -> PasswordAuthentication.secure(directory,
                        PasswordAuthentication.Binaries.INSTANCE.postgres(), superuserPassword, existing.isEmpty()))
                // Zonky's readiness probe logs in as the superuser.
                .setConnectConfig("password", superuserPassword)
                // First start runs initdb, and a restart after a crash replays the WAL.
                .setPGStartupWait(STARTUP_WAIT)
                .start();
        try {
            String url = "jdbc:postgresql://" + LOOPBACK + ":" + postgres.getPort() + "/" + DATABASE;
            PGSimpleDataSource migration = new PGSimpleDataSource();
            migration.setUrl(url);
            migration.setUser(PasswordAuthentication.SUPERUSER);
            migration.setPassword(superuserPassword);
            String runtimePassword = SecretFile.readOrCreate(directory.resolve(RUNTIME_SECRET));
            RuntimeRole.ensure(migration, RUNTIME_ROLE, runtimePassword);
            String maintenancePassword = SecretFile.readOrCreate(directory.resolve(MAINTENANCE_SECRET));
            RuntimeRole.ensure(migration, MAINTENANCE_ROLE, maintenancePassword);
            PGSimpleDataSource maintenance = new PGSimpleDataSource();
            maintenance.setUrl(url);
            maintenance.setUser(MAINTENANCE_ROLE);
            maintenance.setPassword(maintenancePassword);

            HikariConfig config = new HikariConfig();
            config.setPoolName("embedded-postgres");
            config.setJdbcUrl(url);
            config.setUsername(RUNTIME_ROLE);
            config.setPassword(runtimePassword);
            HikariDataSource dataSource = new HikariDataSource(config);
            log.info("Embedded PostgreSQL listening on {}:{}, data in {}", LOOPBACK, postgres.getPort(), directory);
            return new EmbeddedPostgresDataSourceFactory(directory, postgres, migration, dataSource, maintenance);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** A connection pool to the server's {@code postgres} database, as the runtime role {@value #RUNTIME_ROLE}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Unpooled connections as the superuser, who owns the schema: for migrations (Flyway) and nothing else, since
     * it can switch the audit trail's triggers off.
     */
    public DataSource migrationDataSource() {
        return migrationDataSource;
    }

    /** Unpooled connections as {@value #MAINTENANCE_ROLE}: for audit retention only. */
    public DataSource maintenanceDataSource() {
        return maintenanceDataSource;
    }

    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Closes the pool, then stops the server (fast shutdown: open transactions are rolled back). */
    @Override
    public void close() {
        try {
            dataSource.close();
        } finally {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // PostgreSQL refuses to run as root. Zonky then runs it in a user namespace (unshare -U), where it is "nobody";
    // when that is blocked (e.g. Docker's default seccomp profile) it would only fail later with a cryptic message.
    private static void requireNonRootOrUserNamespaces() {
        if (isLinuxRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("The embedded PostgreSQL cannot run as root: PostgreSQL refuses it, and "
                    + "user namespaces ('unshare -U') are not available to run it as an unprivileged user. "
                    + "Run the application as a non-root user, allow user namespaces, or configure an external database.");
        }
    }

    private static boolean isLinuxRoot() {
        try {
            return System.getProperty("os.name").startsWith("Linux")
                    && Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self/"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Deals with a {@code postmaster.pid} left by a run that was killed. PostgreSQL removes it by itself only if
     * its PID is free; but the postmaster survives the JVM (pg_ctl detaches it) and PIDs are reused, notably
     * after a container restart, and in both cases PostgreSQL would refuse to start.
     */
    private static void clearStaleServer(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory.resolve(ZONKY_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new StartupSettingException("DATA_DIR", "The embedded PostgreSQL data directory " + directory
                        + " (DATA_DIR) is in use by another running process.",
                        "Stop the other instance of the service that uses it, or give this one its own DATA_DIR"
                                + " (or DATABASE_URL to share an external PostgreSQL).");
            }
            Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                return; // PostgreSQL handles a dead PID itself, including its check for leftover shared memory.
            }
            ProcessHandle handle = process.get();
            if (isZombie(handle)) {
                // Exited but not yet reaped (e.g. by a slow init): PostgreSQL would count it as running.
                log.warn("Removing stale {}: PID {} has exited", pidFile, handle.pid());
                Files.deleteIfExists(pidFile);
            } else if (isPostmasterOf(handle, directory)) {
                stopOrphan(handle, directory);
            } else if (handle.info().command().isPresent()) {
                log.warn("Removing stale {}: PID {} now belongs to another program", pidFile, handle.pid());
                Files.deleteIfExists(pidFile);
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // Held by this JVM.
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // The postmaster keeps its original command line: .../bin/postgres -D <dir> -p <port> ...
    private static boolean isPostmasterOf(ProcessHandle handle, Path directory) {
        ProcessHandle.Info info = handle.info();
        boolean postgres = info.command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false);
        List<String> arguments = info.arguments().map(Arrays::asList).orElse(List.of());
        int flag = arguments.indexOf("-D");
        return postgres && flag >= 0 && flag + 1 < arguments.size()
                && Path.of(arguments.get(flag + 1)).toAbsolutePath().normalize().equals(directory);
    }

    private static void stopOrphan(ProcessHandle postmaster, Path directory) throws IOException {
        log.warn("Stopping the embedded PostgreSQL (PID {}) left running by a previous run", postmaster.pid());
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroy(); // SIGTERM: smart shutdown, immediate as the previous owner's connections are gone.
        if (!awaitExit(List.of(postmaster))) {
            log.warn("PostgreSQL (PID {}) did not stop in {}, killing it", postmaster.pid(), ORPHAN_STOP_WAIT);
            postmaster.destroyForcibly();
        }
        // Backends must be gone too before a new postmaster uses the directory.
        if (!awaitExit(children) || !awaitExit(List.of(postmaster))) {
            throw new IllegalStateException("Could not stop the previous embedded PostgreSQL (PID " + postmaster.pid() + ")");
        }
        Files.deleteIfExists(directory.resolve("postmaster.pid")); // Left behind if it had to be killed.
    }

    private static boolean awaitExit(List<ProcessHandle> processes) {
        long deadline = System.nanoTime() + ORPHAN_STOP_WAIT.toNanos();
        while (processes.stream().anyMatch(EmbeddedPostgresDataSourceFactory::isRunning)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process);
    }

    // ProcessHandle.isAlive() is true for zombies; only Linux has /proc (other systems reap promptly).
    private static boolean isZombie(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
