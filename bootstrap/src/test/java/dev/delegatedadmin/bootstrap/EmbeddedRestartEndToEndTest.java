package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default: no DATABASE_URL, PostgreSQL in DATA_DIR. The first start prints a generated
 * administrator password once; a second start on the same directory keeps every user and prints nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedRestartEndToEndTest {

    private static final Pattern GENERATED = Pattern.compile("Generated password:\\s+(\\S+)");

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(DelegatedAdminApplication.class)
                .properties(
                        "DATABASE_URL=",
                        "DATA_DIR=" + dataDir.resolve("pg"),
                        "SERVER_PORT=0",
                        "BOOTSTRAP_ADMIN_EMAIL=root@example.com",
                        "BOOTSTRAP_ADMIN_PASSWORD=")
                .run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void data_survives_a_restart_and_the_generated_password_is_printed_once(CapturedOutput output) {
        String password;
        try (ConfigurableApplicationContext first = start()) {
            Matcher matcher = GENERATED.matcher(output.getOut());
            assertThat(matcher.find()).as("generated password banner").isTrue();
            password = matcher.group(1);
            assertThat(output.getAll().split(Pattern.quote(password), -1)).as("printed exactly once").hasSize(2);

            Http http = new Http(port(first));
            String admin = http.logIn("root@example.com", password);
            Http.Response created = http.post("/api/v1/users", admin,
                    "{\"email\":\"durable@example.com\",\"password\":\"Durable-pass-1\",\"memberships\":[\"HR\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        int printedBefore = output.getOut().length();

        try (ConfigurableApplicationContext second = start()) {
            assertThat(output.getOut().substring(printedBefore)).doesNotContain("Generated password");
            Http http = new Http(port(second));
            String admin = http.logIn("root@example.com", password);
            Http.Response users = http.get("/api/v1/users?search=durable&include_totals=true", admin);
            assertThat(users.json().get("total").asInt()).isEqualTo(1);
            assertThat(http.logIn("durable@example.com", "Durable-pass-1")).isNotBlank();
        }
    }
}
