package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Each setting that stops the start is one paragraph of Spring Boot's failure report (Description, Action) naming
 * the variable, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureEndToEndTest {

    @TempDir
    Path temp;

    @Test
    void a_short_login_events_secret(CapturedOutput output) {
        failsToStart(output, "LOGIN_EVENTS_SECRET", "Action:", withDatabase("LOGIN_EVENTS_SECRET=too-short-secret"));
        assertThat(output.getAll()).doesNotContain("too-short-secret");
    }

    @Test
    void a_short_bootstrap_admin_password(CapturedOutput output) {
        failsToStart(output, "BOOTSTRAP_ADMIN_PASSWORD", "at least 8 characters",
                withDatabase("BOOTSTRAP_ADMIN_PASSWORD=tiny7"));
        assertThat(output.getAll()).doesNotContain("tiny7");
    }

    @Test
    void a_data_dir_in_use_by_another_process(CapturedOutput output) throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("pg"));
        Files.writeString(dataDir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n");
        // The embedded server's lock on the directory, as the other running instance holds it.
        try (FileChannel channel = FileChannel.open(dataDir.resolve("epg-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            failsToStart(output, "DATA_DIR", "in use by another running process",
                    List.of("DATABASE_URL=", "DATA_DIR=" + dataDir));
        }
    }

    @Test
    void missing_auth0_settings(CapturedOutput output) {
        failsToStart(output, "AUTH0_DOMAIN", "Configuring an Auth0 tenant",
                withDatabase("IDP=auth0", "AUTH0_DOMAIN=", "AUTH0_CLIENT_ID=", "AUTH0_CLIENT_SECRET=", "AUTH0_AUDIENCE="));
    }

    @Test
    void an_unreachable_database_url(CapturedOutput output) {
        failsToStart(output, "DATABASE_URL jdbc:postgresql://127.0.0.1:1/nowhere", "DATABASE_PASSWORD",
                List.of("DATABASE_URL=jdbc:postgresql://127.0.0.1:1/nowhere?password=url-secret",
                        "DATABASE_USER=nobody", "DATABASE_PASSWORD=db-secret"));
        assertThat(output.getAll()).doesNotContain("url-secret").doesNotContain("db-secret");
    }

    @Test
    void an_invalid_policy_file(CapturedOutput output) throws Exception {
        Path policy = Files.writeString(temp.resolve("policy.yaml"), "departments: [Finance\n");
        failsToStart(output, "POLICY_FILE " + policy + " is not valid YAML", "unset POLICY_FILE",
                withDatabase("POLICY_FILE=" + policy));
    }

    private static List<String> withDatabase(String... settings) {
        TestDatabase.ConnectionInfo database = TestDatabase.connectionInfo(TestDatabase.freshDatabase());
        List<String> properties = new ArrayList<>(List.of("DATABASE_URL=" + database.url(),
                "DATABASE_USER=" + database.user(), "DATABASE_PASSWORD=" + database.password()));
        properties.addAll(List.of(settings));
        return properties;
    }

    private static void failsToStart(CapturedOutput output, String description, String more, List<String> settings) {
        // SERVER_PORT, not server.port: a default property loses to application.yml's server.port.
        List<String> properties = new ArrayList<>(List.of("SERVER_PORT=0"));
        properties.addAll(settings);
        int before = output.getAll().length();

        assertThatThrownBy(() -> new SpringApplicationBuilder(DelegatedAdminApplication.class)
                .properties(properties.toArray(String[]::new)).run())
                .isInstanceOf(Exception.class);

        String printed = output.getAll().substring(before);
        assertThat(printed).contains("APPLICATION FAILED TO START", "Description:", "Action:", description, more);
        assertThat(printed).as("no stack trace").doesNotContain("\tat ").doesNotContain("Application run failed");
    }
}
