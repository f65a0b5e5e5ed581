package io.waymark.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps {@code LOG_FORMAT=json} onto Spring Boot's own structured logging (ECS JSON). It runs before
 * the logging system starts, which a plain property placeholder cannot do because "json" is not one
 * of Boot's format names.
 */
class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(
            ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("LOG_FORMAT", "text").trim().toLowerCase();
        switch (format) {
            case "text", "" -> {}
            case "json" ->
                    environment
                            .getPropertySources()
                            .addFirst(
                                    new MapPropertySource(
                                            "waymarkLogFormat",
                                            Map.of("logging.structured.format.console", "ecs")));
            default ->
                    throw new InvalidSettingException(
                            "LOG_FORMAT", "must be 'text' or 'json', got '" + format + "'");
        }
    }
}
