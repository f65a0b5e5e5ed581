package io.waymark.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/** What is observed per request: one server observation (its timer and its span), not one per security filter. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    /**
     * Spring Security would otherwise wrap each of its filters, the authentication and the authorization in an
     * observation of its own: a dozen spans and timers per request, for what the request's own span already covers.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
