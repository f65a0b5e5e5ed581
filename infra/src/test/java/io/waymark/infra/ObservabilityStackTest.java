package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.infra.config.Tracing;
import io.waymark.infra.service.CollectorImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the stacks do for metrics and traces: nothing reaches the service's management port (9090,
 * on the task's loopback), the service writes its per-route metrics where the dashboard and alarms
 * read them, and the X-Ray collector exists only when asked for.
 */
class ObservabilityStackTest {

    private static final int MANAGEMENT_PORT = 9090;

    static Stream<Combination> combinations() {
        return Combination.ALLOWED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void nothingRoutesToOrOpensTheManagementPort(Combination combination) {
        Synthesized stack = Synthesized.of(combination);
        List<Map<String, Object>> rules = new ArrayList<>();
        stack.resources("AWS::EC2::SecurityGroupIngress")
                .values()
                .forEach(rule -> rules.add(properties(rule)));
        stack.resources("AWS::EC2::SecurityGroup")
                .values()
                .forEach(
                        group ->
                                list(properties(group).get("SecurityGroupIngress"))
                                        .forEach(rule -> rules.add(map(rule))));

        assertThat(rules)
                .isNotEmpty()
                .allSatisfy(
                        rule ->
                                assertThat(opens(rule, MANAGEMENT_PORT))
                                        .as(rule.toString())
                                        .isFalse());
        assertThat(containers(stack))
                .allSatisfy(
                        container -> {
                            assertThat(String.valueOf(container.get("PortMappings")))
                                    .doesNotContain(Integer.toString(MANAGEMENT_PORT));
                            // Without these the service binds the management port to 127.0.0.1:
                            // reachable inside the task only.
                            assertThat(environment(container))
                                    .doesNotContainKeys(
                                            "WAYMARK_MANAGEMENT_ADDRESS",
                                            "WAYMARK_MANAGEMENT_PORT");
                        });
        stack.resources("AWS::ElasticLoadBalancingV2::TargetGroup")
                .values()
                .forEach(group -> assertThat(properties(group).get("Port")).isEqualTo(8080));
        assertThat(String.valueOf(stack.template().toJSON())).doesNotContain("/actuator");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void theServiceWritesItsRouteMetricsWhereTheDashboardAndTheAlarmsReadThem(
            Combination combination) {
        Synthesized stack = Synthesized.of(combination);
        String namespace = "Waymark/" + combination.env();

        assertThat(environment(serve(stack)))
                .containsEntry("WAYMARK_CLOUDWATCH_NAMESPACE", namespace);
        String dashboard = String.valueOf(stack.resources("AWS::CloudWatch::Dashboard").values());
        assertThat(dashboard)
                .contains("SEARCH('{" + namespace + ",Route} MetricName=\\\"LatencyP99\\\"'")
                .contains("MetricName=\\\"ServerErrorRate\\\"");
        List<String> insights =
                stack.resources("AWS::CloudWatch::Alarm").values().stream()
                        .map(alarm -> String.valueOf(properties(alarm).get("Metrics")))
                        .filter(metrics -> metrics.contains("SELECT"))
                        .toList();
        assertThat(insights)
                .hasSize(2)
                .anyMatch(
                        m ->
                                m.contains(
                                        "SELECT MAX(ServerErrorRate) FROM SCHEMA(\""
                                                + namespace
                                                + "\", Route)"))
                .anyMatch(
                        m ->
                                m.contains(
                                        "SELECT MAX(LatencyP99) FROM SCHEMA(\""
                                                + namespace
                                                + "\", Route)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void theXrayCollectorIsThereOnlyWhenAskedFor(Combination combination) {
        Synthesized stack = Synthesized.of(combination);
        boolean xray = combination.tracing() == Tracing.XRAY;
        var collector =
                containers(stack).stream()
                        .filter(c -> "otel-collector".equals(c.get("Name")))
                        .toList();
        String template = String.valueOf(stack.template().toJSON());

        assertThat(collector).hasSize(xray ? 1 : 0);
        String taskRolePolicies =
                String.valueOf(
                        stack.template().toJSON().get("Resources") instanceof Map<?, ?> all
                                ? all.entrySet().stream()
                                        .filter(
                                                e ->
                                                        String.valueOf(e.getKey())
                                                                .startsWith(
                                                                        "ServiceTaskTaskRoleDefaultPolicy"))
                                        .map(Map.Entry::getValue)
                                        .toList()
                                : List.of());
        assertThat(taskRolePolicies.contains("xray:PutTraceSegments"))
                .as(taskRolePolicies)
                .isEqualTo(xray);
        assertThat(template.contains("com.amazonaws.us-east-1.xray"))
                .isEqualTo(xray && !combination.lean());
        if (!xray) {
            assertThat(environment(serve(stack))).doesNotContainKey("OTEL_EXPORTER_OTLP_ENDPOINT");
            return;
        }
        var sidecar = collector.getFirst();
        assertThat(sidecar.get("Essential")).as("traces never stop the service").isEqualTo(false);
        assertThat(sidecar.get("ReadonlyRootFilesystem")).isEqualTo(true);
        assertThat(sidecar.get("User")).isEqualTo("10001:10001");
        assertThat(sidecar.get("PortMappings"))
                .as("it listens on the task's loopback only")
                .isNull();
        assertThat(String.valueOf(environment(sidecar).get("AOT_CONFIG_CONTENT")))
                .contains("endpoint: 127.0.0.1:4318", "awsxray");
        assertThat(environment(serve(stack)))
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")
                .containsEntry("OTEL_LOGS_EXPORTER", "none")
                .containsKey("OTEL_TRACES_SAMPLER_ARG");
    }

    /**
     * Issue 18, defect 8: a task pulls every image before it starts, and a failed pull stops it,
     * essential container or not. The collector's image is therefore the service's repository's,
     * where it can fail only when the service's image fails too.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void theCollectorComesFromTheServiceRepositorySoItCannotKeepTheServiceFromStarting(
            Combination combination) {
        Synthesized stack = Synthesized.of(combination);
        List<Map<String, Object>> collector =
                containers(stack).stream()
                        .filter(c -> "otel-collector".equals(c.get("Name")))
                        .toList();

        assertThat(stack.resources("AWS::ECR::PullThroughCacheRule")).isEmpty();
        collector.forEach(
                sidecar ->
                        assertThat(
                                        String.valueOf(sidecar.get("Image"))
                                                .replace(CollectorImage.TAG, "TAG"))
                                .isEqualTo(
                                        String.valueOf(serve(stack).get("Image"))
                                                .replace(Combination.IMAGE_TAG, "TAG")));
    }

    private static boolean opens(Map<String, Object> rule, int port) {
        Object protocol = rule.get("IpProtocol");
        if ("-1".equals(String.valueOf(protocol))) {
            return true;
        }
        Object from = rule.get("FromPort");
        Object to = rule.get("ToPort");
        return from instanceof Number f
                && to instanceof Number t
                && f.intValue() <= port
                && port <= t.intValue();
    }

    private static Map<String, Object> serve(Synthesized stack) {
        return containers(stack).stream()
                .filter(c -> "serve".equals(c.get("Name")))
                .findFirst()
                .orElseThrow();
    }

    private static List<Map<String, Object>> containers(Synthesized stack) {
        List<Map<String, Object>> containers = new ArrayList<>();
        stack.resources("AWS::ECS::TaskDefinition")
                .values()
                .forEach(
                        task ->
                                list(properties(task).get("ContainerDefinitions"))
                                        .forEach(container -> containers.add(map(container))));
        return containers;
    }

    private static Map<String, Object> environment(Map<String, Object> container) {
        Map<String, Object> environment = new HashMap<>();
        list(container.get("Environment"))
                .forEach(
                        variable ->
                                environment.put(
                                        String.valueOf(map(variable).get("Name")),
                                        map(variable).get("Value")));
        return environment;
    }

    private static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.getOrDefault("Properties", Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
