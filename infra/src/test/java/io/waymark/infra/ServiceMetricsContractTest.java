package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.repository.RepositoryFiles;
import org.junit.jupiter.api.Test;

/**
 * The names the dashboard and alarms read (infra's Monitoring) are the ones the service writes (its
 * CloudWatchMetrics): a metric renamed on one side only would leave the graphs empty and the alarms
 * silent.
 */
class ServiceMetricsContractTest {

    @Test
    void theServiceWritesTheMetricsAndTheDimensionTheMonitoringReads() {
        String service =
                RepositoryFiles.read(
                        "service/src/main/java/io/waymark/observability/CloudWatchMetrics.java");
        String monitoring =
                RepositoryFiles.read(
                        "infra/src/main/java/io/waymark/infra/monitoring/Monitoring.java");
        String stack =
                RepositoryFiles.read(
                        "infra/src/main/java/io/waymark/infra/environment/WaymarkStack.java");

        for (String name : new String[] {"LatencyP99", "ServerErrorRate", "Route"}) {
            assertThat(monitoring).contains("= \"" + name + "\";");
            assertThat(service).contains("\"" + name + "\"");
        }
        assertThat(service).contains("\"Milliseconds\"", "\"Percent\"");
        // Whitespace-insensitive: the formatter may break the call between its arguments.
        assertThat(stack).containsPattern("\"WAYMARK_CLOUDWATCH_NAMESPACE\",\\s*metricsNamespace");
        assertThat(service)
                .contains(
                        "@ConfigurationProperties(\"waymark.cloudwatch\")",
                        "record Settings(String namespace)");
    }
}
