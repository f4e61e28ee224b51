package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * README.md's walkthrough, read from the README and run with bash as pasted (only the port differs), so that the
 * two cannot drift apart. Needs bash, curl and sed, as the README says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeWalkthroughEndToEndTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final DataSource DATABASE = TestDatabase.freshDatabase();

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        String start = blocks().getFirst();
        Matcher password = Pattern.compile("BOOTSTRAP_ADMIN_PASSWORD='([^']+)'").matcher(start);
        assertThat(password.find()).as("the start command sets BOOTSTRAP_ADMIN_PASSWORD: %s", start).isTrue();
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> password.group(1));
    }

    @LocalServerPort
    int port;

    @TempDir
    Path temp;

    @Test
    void the_walkthrough_runs_as_pasted() throws Exception {
        List<String> blocks = blocks();
        assertThat(blocks.getFirst()).as("its own data directory").contains("DATA_DIR=")
                .contains("java -jar bootstrap/target/delegated-admin.jar");
        String script = blocks.get(1).replace("http://localhost:8080", "http://localhost:" + port);
        Path file = Files.writeString(temp.resolve("walkthrough.sh"), "set -euo pipefail\n" + script);

        Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(output).as("every JSON reply on a line of its own").doesNotContain("}{").doesNotContain("]{");
        assertThat(output)
                .contains("\"email\":\"kelly@example.com\"")
                .contains("\"assignable_memberships\":[\"Finance\"]")
                .contains("\"email\":\"frank@example.com\"")
                .contains("\"rule\":\"own-department-only\"")
                .contains("You can only create users within your own department.")
                .contains("\"blocked\":true").contains("\"desk\":\"4.12\"")
                .contains("\"intact\":true");
        assertThat(output.lines().filter(line -> line.startsWith("{")).count()).as(output).isGreaterThanOrEqualTo(8);
    }

    /** The sh blocks of the walkthrough section: the start command, then the client's script. */
    private static List<String> blocks() {
        String readme;
        try {
            readme = Files.readString(README);
        } catch (IOException e) {
            throw new AssertionError("README.md not found at " + README.toAbsolutePath(), e);
        }
        int start = readme.indexOf("## Walkthrough");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<String> blocks = new ArrayList<>();
        Matcher matcher = SH_BLOCK.matcher(section);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertThat(blocks).as("the walkthrough's sh blocks").hasSizeGreaterThanOrEqualTo(2);
        return blocks;
    }
}
