package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.StartupSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** LOG_FORMAT to Boot's structured logging; the JSON lines of a real start are in {@link PackagedJarTest}. */
class LogFormatTest {

    private static MockEnvironment withLogFormat(String value) {
        MockEnvironment environment = new MockEnvironment();
        if (value != null) {
            environment.setProperty("LOG_FORMAT", value);
        }
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void json_is_the_elastic_common_schema() {
        assertThat(withLogFormat("JSON").getProperty(LogFormat.STRUCTURED_CONSOLE)).isEqualTo("ecs");
    }

    @Test
    void unset_or_plain_is_text() {
        assertThat(withLogFormat(null).getProperty(LogFormat.STRUCTURED_CONSOLE)).isNull();
        assertThat(withLogFormat("plain").getProperty(LogFormat.STRUCTURED_CONSOLE)).isNull();
    }

    @Test
    void anything_else_stops_the_start_naming_the_variable() {
        assertThatThrownBy(() -> withLogFormat("xml")).isInstanceOf(StartupSettingException.class)
                .hasMessageContaining("LOG_FORMAT");
    }
}
