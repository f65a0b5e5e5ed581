package io.waymark.observability;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.waymark.store.JdbcClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * HikariCP metrics ({@code hikaricp_connections_*{pool="waymark-reads"}}) for SQLite's read-only
 * pool. Spring Boot instruments the pools that are beans; this one lives inside {@link
 * JdbcClients}, so it is bound here the same way.
 */
@Component
class ReadPoolMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ReadPoolMetrics.class);

    private final ObjectProvider<JdbcClients> jdbc;

    ReadPoolMetrics(ObjectProvider<JdbcClients> jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        jdbc.ifAvailable(
                stores ->
                        stores.readPool()
                                .ifPresent(
                                        pool -> {
                                            if (pool.getMetricsTrackerFactory() == null
                                                    && pool.getMetricRegistry() == null) {
                                                try {
                                                    pool.setMetricsTrackerFactory(
                                                            new MicrometerMetricsTrackerFactory(
                                                                    registry));
                                                } catch (RuntimeException e) {
                                                    log.warn(
                                                            "No metrics for the pool {}: {}",
                                                            pool.getPoolName(),
                                                            e.toString());
                                                }
                                            }
                                        }));
    }
}
