package io.waymark.observability;

import io.waymark.store.StoreProbe;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The store's answer in the actuator's readiness group ({@code /actuator/health/readiness} on the
 * management port), by the same probe as {@code /health/ready}: one check, whichever of the two a
 * platform asks.
 */
@Component
class StoreHealthIndicator implements HealthIndicator {

    private final StoreProbe store;

    StoreHealthIndicator(StoreProbe store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            store.check();
            return Health.up().build();
        } catch (RuntimeException e) {
            // The exception's class only: its message can name hosts and users of the database.
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
