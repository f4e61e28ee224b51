package dev.delegatedadmin.adapters.persistence.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresDataSourceFactoryTest {

    @TempDir
    Path temp;

    @Test
    void data_survives_a_restart() throws Exception {
        Path dataDirectory = temp.resolve("not/yet/there");

        try (var postgres = EmbeddedPostgresDataSourceFactory.start(dataDirectory)) {
            execute(postgres.migrationDataSource(), "create table note (text text not null)", "insert into note values ('kept')");
            // Zonky's test-oriented defaults must not apply to real data.
            assertThat(query(postgres.migrationDataSource(), "show fsync")).containsExactly("on");
            assertThat(query(postgres.migrationDataSource(), "show synchronous_commit")).containsExactly("on");
        }
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();

        try (var postgres = EmbeddedPostgresDataSourceFactory.start(dataDirectory)) {
            assertThat(query(postgres.migrationDataSource(), "select text from note")).containsExactly("kept");
        }
    }

    @Test
    void starts_over_a_stale_pid_file_whose_process_is_gone_or_reused() throws Exception {
        Path dataDirectory = temp.resolve("data");
        Path savedPidFile = temp.resolve("postmaster.pid.saved");
        try (var postgres = EmbeddedPostgresDataSourceFactory.start(dataDirectory)) {
            execute(postgres.migrationDataSource(), "create table note (text text not null)", "insert into note values ('kept')");
            Files.copy(dataDirectory.resolve("postmaster.pid"), savedPidFile);
        }

        // The old postmaster's PID: exited, possibly not yet reaped by init (a zombie, which PostgreSQL counts as running).
        Files.copy(savedPidFile, dataDirectory.resolve("postmaster.pid"), StandardCopyOption.REPLACE_EXISTING);
        assertRestartsWithData(dataDirectory);

        // A PID that is free: PostgreSQL deals with it itself.
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        writePidFile(savedPidFile, dataDirectory, finished.pid());
        assertRestartsWithData(dataDirectory);

        // The PID reused by another live program (here this JVM): PostgreSQL alone would refuse to start.
        writePidFile(savedPidFile, dataDirectory, ProcessHandle.current().pid());
        assertRestartsWithData(dataDirectory);
    }

    private static void writePidFile(Path template, Path dataDirectory, long pid) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(template));
        lines.set(0, Long.toString(pid));
        Files.write(dataDirectory.resolve("postmaster.pid"), lines);
    }

    private static void assertRestartsWithData(Path dataDirectory) throws Exception {
        try (var postgres = EmbeddedPostgresDataSourceFactory.start(dataDirectory)) {
            assertThat(query(postgres.migrationDataSource(), "select text from note")).containsExactly("kept");
        }
    }

    @Test
    void restarts_after_the_previous_jvm_was_killed() throws Exception {
        Path dataDirectory = temp.resolve("data");
        Process previous = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CrashingApplication.class.getName(), dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        try {
            awaitLine(previous, "READY");
            String committed = "committed before the crash";
            previous.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no close().
            long orphanPid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().trim());
            assertThat(ProcessHandle.of(orphanPid)).as("postmaster outlives its JVM").hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            try (var postgres = EmbeddedPostgresDataSourceFactory.start(dataDirectory)) {
                assertThat(query(postgres.migrationDataSource(), "select text from note")).containsExactly(committed);
                assertThat(hasExited(orphanPid)).as("previous postmaster stopped").isTrue();
            }
        } finally {
            previous.destroyForcibly();
        }
    }

    /** Runs in a child JVM that the test kills. */
    public static final class CrashingApplication {
        public static void main(String[] args) throws Exception {
            var postgres = EmbeddedPostgresDataSourceFactory.start(Path.of(args[0]));
            execute(postgres.migrationDataSource(), "create table note (text text not null)", "insert into note values ('committed before the crash')");
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static void awaitLine(Process process, String expected) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = output.readLine()) != null; ) {
            if (line.equals(expected)) {
                // Keep draining so the child never blocks on a full pipe.
                Thread.ofVirtual().start(() -> output.lines().forEach(l -> { }));
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("Child JVM ended without " + expected + ":\n" + seen);
    }

    // A zombie (exited, not yet reaped by init) still counts as alive for ProcessHandle.
    private static boolean hasExited(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()
                || (Files.exists(stat) && Files.readString(stat).replaceFirst(".*\\) ", "").startsWith("Z"));
    }

    private static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static List<String> query(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
