import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build-time jOOQ code generation from the real Flyway migrations, applied to a throwaway embedded PostgreSQL,
 * so the generated classes always match the schema the application runs on.
 *
 * <p>Usage: {@code java -cp <test classpath> JooqCodegen.java <migrationsDir> <outputDir> <package>}
 */
public class JooqCodegen {

    private static final String STAMP_FILE = ".codegen-stamp";

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: JooqCodegen <migrationsDir> <outputDir> <package>");
            System.exit(2);
        }
        long start = System.nanoTime();
        Path migrations = Path.of(args[0]).toAbsolutePath();
        Path output = Path.of(args[1]).toAbsolutePath();
        String packageName = args[2];
        quietLogging();

        // Skip the embedded database when nothing that shapes the output changed since the last run.
        String stamp = stamp(migrations, packageName);
        Path stampFile = output.resolve(STAMP_FILE);
        if (stamp != null && Files.isRegularFile(stampFile) && stamp.equals(Files.readString(stampFile))) {
            System.out.printf("jOOQ codegen: %s is up to date with %s%n", output, migrations);
            return;
        }
        Files.deleteIfExists(stampFile);

        if (isLinuxRoot() && !LinuxUtils.isUnshareAvailable()) {
            // Zonky's own failure would only say that initdb failed, its output being below WARN.
            System.err.println("jOOQ codegen: PostgreSQL cannot run as root, and user namespaces ('unshare -U'),"
                    + " which Zonky uses to run it as 'nobody', are not available. Build as a non-root user.");
            System.exit(1);
        }
        int migrationCount;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                // Throwaway database: durability is not needed, speed is.
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .start()) {
            migrationCount = Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations("filesystem:" + migrations)
                    .load()
                    .migrate()
                    .migrationsExecuted;

            GenerationTool.generate(new Configuration()
                    .withLogging(org.jooq.meta.jaxb.Logging.WARN)
                    .withJdbc(new Jdbc()
                            .withDriver("org.postgresql.Driver")
                            .withUrl(postgres.getJdbcUrl("postgres", "postgres"))
                            .withUser("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withExcludes("flyway_schema_history"))
                            .withGenerate(new Generate()
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withDaos(false)
                                    .withJavaTimeTypes(true))
                            .withTarget(new Target()
                                    .withPackageName(packageName)
                                    .withDirectory(output.toString()))));
        }
        if (stamp != null) {
            Files.writeString(stampFile, stamp);
        }
        long javaFiles;
        try (Stream<Path> files = Files.walk(output)) {
            javaFiles = files.filter(p -> p.toString().endsWith(".java")).count();
        }
        System.out.printf("jOOQ codegen: %d migration(s) applied to embedded PostgreSQL, %d classes generated in %s (%d ms)%n",
                migrationCount, javaFiles, output, (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean isLinuxRoot() {
        try {
            return System.getProperty("os.name").startsWith("Linux")
                    && Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self/"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    // Logback defaults to DEBUG on the console, which would drown the build output.
    private static void quietLogging() {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            // jOOQ 3.21 OSS targets PostgreSQL 18 and warns about 17; the runtime logs the same warning anyway.
            context.getLogger("org.jooq.impl.DefaultExecuteContext.logVersionSupport").setLevel(Level.ERROR);
        }
    }

    /** Hash of the inputs of the generation, or null when this program's own source cannot be located. */
    private static String stamp(Path migrations, String packageName) throws Exception {
        String self = System.getProperty("jdk.launcher.sourcefile");
        if (self == null || !Files.isDirectory(migrations)) {
            return null;
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        update(digest, packageName);
        update(digest, org.jooq.Constants.VERSION);
        digest.update(Files.readAllBytes(Path.of(self)));
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(migrations)) {
            scripts = files.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path script : scripts) {
            update(digest, migrations.relativize(script).toString());
            digest.update(Files.readAllBytes(script));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String value) throws IOException {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
