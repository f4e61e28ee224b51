package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.application.error.StartupSettingException;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT=json}: one JSON object a line on the console (Boot's structured logging, Elastic Common Schema),
 * with the MDC's {@code request_id} on every line logged while serving a request. Unset or {@code plain}: Boot's
 * usual text. Runs before the logging system starts; {@code logging.structured.format.console} set explicitly wins.
 */
final class LogFormat implements EnvironmentPostProcessor {

    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("LOG_FORMAT", "").strip().toLowerCase(Locale.ROOT);
        switch (format) {
            case "", "plain" -> { }
            case "json" -> environment.getPropertySources().addLast(
                    new MapPropertySource("LOG_FORMAT", Map.of(STRUCTURED_CONSOLE, "ecs")));
            default -> throw new StartupSettingException("LOG_FORMAT", "LOG_FORMAT must be json or plain, not '"
                    + format + "'.", "Set LOG_FORMAT=json for one JSON object a line, or unset it for plain text.");
        }
    }
}
