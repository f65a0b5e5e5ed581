package io.waymark.observability;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What is observed per request: one server observation (its timer and its span), not one per
 * security filter; and where its figures go besides the Prometheus endpoint: CloudWatch, when a
 * namespace is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CloudWatchMetrics.Settings.class)
class ObservabilityConfiguration {

    /**
     * Always defined, idle without a namespace ({@link CloudWatchMetrics#start}): a condition on
     * the namespace would keep serve off its build-time context wherever one is set, i.e. in every
     * AWS deployment (io.waymark.BuildTimeContext).
     */
    @Bean
    @ConditionalOnWebApplication
    CloudWatchMetrics cloudWatchMetrics(
            CloudWatchMetrics.Settings settings, MeterRegistry registry, Clock clock) {
        // Standard output, not a logger: an EMF document must be the whole log event, which
        // LOG_FORMAT=json would wrap.
        return new CloudWatchMetrics(registry, settings.namespace(), clock, System.out::println);
    }

    /**
     * Spring Security would otherwise wrap each of its filters, the authentication and the
     * authorization in an observation of its own: a dozen spans and timers per request, for what
     * the request's own span already covers.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
