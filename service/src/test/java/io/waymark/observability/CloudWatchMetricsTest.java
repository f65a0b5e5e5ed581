package io.waymark.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.ServiceProcess;
import io.waymark.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CloudWatch metrics as embedded metric format lines: per route, from the requests the service
 * really answered. The tests with a process of their own (started with the quick compiler: the
 * lines do not depend on it) run at the same time.
 */
class CloudWatchMetricsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir Path temp;

    @Test
    void eachRouteWithRequestsGetsOneLineWithItsP99AndItsServerErrorRate() {
        RunningService service = RunningService.on(TestStore.SQLITE);
        List<String> lines = new ArrayList<>();
        CloudWatchMetrics metrics =
                new CloudWatchMetrics(
                        service.bean(MeterRegistry.class),
                        "Waymark/test",
                        service.bean(Clock.class),
                        lines::add);
        Accounts.Account user = new Accounts(service).user();
        Api api = service.api();
        String id =
                api.post("/api/v1/todos", user.token(), Map.of("title", "measured"))
                        .json()
                        .get("id")
                        .asString();
        metrics.publish(); // where the counts stand now
        lines.clear();

        for (int i = 0; i < 4; i++) {
            api.get("/api/v1/todos/" + id, user.token());
        }
        api.get("/api/v1/todos/01a00000-0000-7000-8000-000000000000", user.token());
        metrics.publish();

        Map<String, JsonNode> byRoute =
                lines.stream()
                        .map(JSON::readTree)
                        .collect(
                                Collectors.toMap(
                                        line -> line.get("Route").asString(), line -> line));
        JsonNode read = byRoute.get("GET /api/v1/todos/{id}");
        assertThat(read).as(lines.toString()).isNotNull();
        assertThat(read.get("Requests").asLong())
                .as("4 reads and a 404 on the same route")
                .isEqualTo(5);
        assertThat(read.get("ServerErrorRate").asDouble()).isZero();
        assertThat(read.get("LatencyP99").asDouble()).isPositive().isLessThan(10_000);
        JsonNode directive = read.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.get("Namespace").asString()).isEqualTo("Waymark/test");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Route\"]]");
        assertThat(directive.get("Metrics").toString())
                .contains("LatencyP99", "Milliseconds", "ServerErrorRate", "Percent");
        assertThat(read.at("/_aws/Timestamp").asLong()).isPositive();
        assertThat(byRoute)
                .as("only routes with requests in this minute")
                .doesNotContainKey("POST /api/v1/todos");

        lines.clear();
        metrics.publish();
        assertThat(lines).as("a quiet minute writes nothing").isEmpty();
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void theServiceWritesTheLinesToStandardOutputWhenANamespaceIsSet() {
        try (ServiceProcess service =
                ServiceProcess.startWithJvmOptions(
                        ServiceProcess.QUICK_START,
                        Map.of(
                                "DATABASE_URL",
                                "sqlite:" + temp.resolve("w.db"),
                                "WAYMARK_CLOUDWATCH_NAMESPACE",
                                "Waymark/process",
                                "LOG_FORMAT",
                                "json"))) {
            Api api = service.awaitServing(Duration.ofSeconds(90));
            api.get("/health", null);
            api.get("/health", null);
            // Stopping writes the minute so far: a deployment's last data point is not lost.
            service.terminate();
            service.waitForExit(Duration.ofSeconds(30));

            JsonNode health =
                    service.output()
                            .lines()
                            .filter(line -> line.startsWith("{\"_aws\""))
                            .map(JSON::readTree)
                            .filter(line -> line.get("Route").asString().equals("GET /health"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(service.output()));
            assertThat(health.get("Requests").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(health.at("/_aws/CloudWatchMetrics/0/Namespace").asString())
                    .isEqualTo("Waymark/process");
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void aBadNamespaceStopsStartUpWithOneLineNamingTheVariable() {
        try (ServiceProcess service =
                ServiceProcess.startWithJvmOptions(
                        ServiceProcess.QUICK_START,
                        Map.of(
                                "DATABASE_URL",
                                "sqlite:" + temp.resolve("w.db"),
                                "WAYMARK_CLOUDWATCH_NAMESPACE",
                                "AWS/ECS"))) {
            assertThat(service.waitForExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(service.output())
                    .contains("WAYMARK_CLOUDWATCH_NAMESPACE: must be 1 to 255 letters")
                    .doesNotContain("\tat ");
        }
    }
}
