package io.waymark.infra.monitoring;

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
public record MonitoringProps(
        String envName,
        Edge edge,
        Service service,
        ServiceDatabase database,
        Optional<String> alarmEmail,
        boolean containerInsights,
        int memoryAlarmPercent,
        String metricsNamespace) {

    /** A builder: every field must be set but the optional ones, which default to empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MonitoringProps} field by field, as CDK's own {@code …Props.builder()}. */
    public static final class Builder {
        private String envName;
        private Edge edge;
        private Service service;
        private ServiceDatabase database;
        private Optional<String> alarmEmail = Optional.empty();
        private boolean containerInsights;
        private Integer memoryAlarmPercent;
        private String metricsNamespace;

        private Builder() {}

        public Builder envName(String envName) {
            this.envName = envName;
            return this;
        }

        public Builder edge(Edge edge) {
            this.edge = edge;
            return this;
        }

        public Builder service(Service service) {
            this.service = service;
            return this;
        }

        public Builder database(ServiceDatabase database) {
            this.database = database;
            return this;
        }

        public Builder alarmEmail(Optional<String> alarmEmail) {
            this.alarmEmail = alarmEmail;
            return this;
        }

        public Builder containerInsights(boolean containerInsights) {
            this.containerInsights = containerInsights;
            return this;
        }

        public Builder memoryAlarmPercent(int memoryAlarmPercent) {
            this.memoryAlarmPercent = memoryAlarmPercent;
            return this;
        }

        public Builder metricsNamespace(String metricsNamespace) {
            this.metricsNamespace = metricsNamespace;
            return this;
        }

        public MonitoringProps build() {
            return new MonitoringProps(
                    Objects.requireNonNull(envName, "envName"),
                    Objects.requireNonNull(edge, "edge"),
                    Objects.requireNonNull(service, "service"),
                    Objects.requireNonNull(database, "database"),
                    alarmEmail,
                    containerInsights,
                    Objects.requireNonNull(memoryAlarmPercent, "memoryAlarmPercent"),
                    Objects.requireNonNull(metricsNamespace, "metricsNamespace"));
        }
    }
}
