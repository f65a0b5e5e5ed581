package io.waymark.web;

import io.waymark.config.InvalidSettingException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the API's connector as {@link GuardedHttp11NioProtocol} with the limits of {@link Settings}.
 * docs/operations.md tells how they were chosen.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(SlowClientLimits.Settings.class)
class SlowClientLimits {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> guardedConnector(
            Settings settings, ClientAddresses.Settings proxies) {
        List<Predicate<String>> trusted =
                proxies.trustedProxies().stream()
                        .<Predicate<String>>map(range -> range::matches)
                        .toList();
        return factory -> {
            factory.setProtocol(GuardedHttp11NioProtocol.class.getName());
            factory.addConnectorCustomizers(
                    connector -> {
                        if (connector.getProtocolHandler()
                                instanceof GuardedHttp11NioProtocol protocol) {
                            protocol.guard(settings.perClient(), settings.headTimeout(), trusted);
                        }
                    });
        };
    }

    /**
     * {@code WAYMARK_CONNECTIONS_PER_CLIENT}: connections one client address (an IPv6 /64) may hold
     * open, trusted proxies excepted. {@code WAYMARK_CONNECTIONS_HEAD_TIMEOUT}: how long a request
     * head (request line and headers) may take from its first byte to its last.
     */
    @ConfigurationProperties("waymark.connections")
    record Settings(int perClient, Duration headTimeout) {

        Settings {
            if (perClient < 1) {
                throw new InvalidSettingException(
                        "WAYMARK_CONNECTIONS_PER_CLIENT", "must be at least 1, got " + perClient);
            }
            if (headTimeout == null
                    || headTimeout.compareTo(Duration.ofSeconds(1)) < 0
                    || headTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new InvalidSettingException(
                        "WAYMARK_CONNECTIONS_HEAD_TIMEOUT",
                        "must be between 1s and 5m, got " + headTimeout);
            }
        }
    }
}
