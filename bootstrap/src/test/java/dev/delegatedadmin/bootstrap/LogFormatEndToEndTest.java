package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code LOG_FORMAT=json}: every console line of the start is a JSON object, the request id (MDC) included. */
@ExtendWith(OutputCaptureExtension.class)
class LogFormatEndToEndTest {

    @Test
    void json_lines_with_the_request_id(CapturedOutput output) {
        TestDatabase.ConnectionInfo database = TestDatabase.connectionInfo(TestDatabase.freshDatabase());
        int before = output.getOut().length(); // the test database's own start logs before the service's
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(DelegatedAdminApplication.class)
                .properties("server.port=0", "LOG_FORMAT=json", "BOOTSTRAP_ADMIN_PASSWORD=Log-format-pass-1",
                        "DATABASE_URL=" + database.url(), "DATABASE_USER=" + database.user(),
                        "DATABASE_PASSWORD=" + database.password())
                .run()) {
            MDC.put("request_id", "req-log-format-1");
            try {
                LoggerFactory.getLogger(LogFormatEndToEndTest.class).info("served");
            } finally {
                MDC.remove("request_id");
            }
        }
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = output.getOut().substring(before).lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        JsonNode served = lines.stream().map(json::readTree)
                .filter(line -> "served".equals(line.path("message").asString()))
                .findFirst().orElseThrow();
        assertThat(served.get("request_id").asString()).isEqualTo("req-log-format-1");
        String level = served.has("log.level") ? served.get("log.level").asString()
                : served.path("log").path("level").asString();
        assertThat(level).isEqualTo("INFO");
    }
}
