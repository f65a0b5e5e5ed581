package io.waymark.infra.monitoring;

import io.soabase.recordbuilder.core.RecordBuilder;
import io.waymark.infra.data.ServiceDatabase;
import io.waymark.infra.edge.Edge;
import io.waymark.infra.service.Service;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link Monitoring} construct watches and where it sends alarms.
 *
 * @param envName environment name, in the dashboard name
 * @param edge request metrics
 * @param service task metrics
 * @param database store widgets and alarms
 * @param alarmEmail optional subscriber of the alarm topic
 * @param containerInsights whether task counts come from Container Insights (standard) or from the
 *     free AWS/ECS sample count (lean)
 * @param memoryAlarmPercent service memory utilization that raises the MemoryHigh alarm ({@code
 *     memoryThreshold})
 * @param metricsNamespace where the service writes its per-route metrics ({@code
 *     WAYMARK_CLOUDWATCH_NAMESPACE})
 */
@RecordBuilder
public record MonitoringProps(
        String envName,
        Edge edge,
        Service service,
        ServiceDatabase database,
        Optional<String> alarmEmail,
        boolean containerInsights,
        int memoryAlarmPercent,
        String metricsNamespace) {

    public MonitoringProps {
        Objects.requireNonNull(envName, "envName");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(metricsNamespace, "metricsNamespace");
    }

    /**
     * A builder, as CDK's own {@code …Props.builder()}: every field must be set but the optional
     * ones, which default to empty.
     */
    public static MonitoringPropsBuilder builder() {
        return MonitoringPropsBuilder.builder();
    }
}
