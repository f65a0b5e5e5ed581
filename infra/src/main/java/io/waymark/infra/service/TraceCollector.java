package io.waymark.infra.service;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.ILogGroup;

/**
 * {@code tracing=xray}: the AWS Distro for OpenTelemetry collector as a sidecar. The service
 * exports OTLP/HTTP to it on the task's loopback (the containers of a Fargate task share one
 * network namespace, so nothing listens outside the task), and it sends the spans to X-Ray. Not
 * essential: when the collector stops, the service goes on serving and only its traces are lost.
 *
 * <p>The image comes from the service's own repository ({@link CollectorImage}): standard's
 * isolated subnets pull it through the ECR endpoints they have, lean through its public IP, exactly
 * as the service image, so a pull that fails for it fails for the service too.
 */
final class TraceCollector {

    static final String NAME = "otel-collector";

    /**
     * The share of requests traced when the caller did not decide (W3C traceparent's sampled flag).
     */
    static final String SAMPLING = "0.1";

    /** Out of the task's memory: the collector holds at most a few batches of spans. */
    static final int MEMORY_MIB = 128;

    private static final String OTLP = "http://127.0.0.1:4318";
    private static final String CONFIG =
            String.join(
                    "\n",
                    "receivers:",
                    "  otlp:",
                    "    protocols:",
                    "      http:",
                    "        endpoint: 127.0.0.1:4318",
                    "processors:",
                    "  batch:",
                    "    timeout: 5s",
                    "exporters:",
                    "  awsxray: {}",
                    "service:",
                    "  pipelines:",
                    "    traces:",
                    "      receivers: [otlp]",
                    "      processors: [batch]",
                    "      exporters: [awsxray]",
                    "");

    private TraceCollector() {}

    /**
     * What the serve container needs to export to the collector (OpenTelemetry's standard
     * variables).
     */
    static Map<String, String> serviceEnvironment(String serviceName) {
        return Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", OTLP,
                "OTEL_TRACES_SAMPLER_ARG", SAMPLING,
                "OTEL_SERVICE_NAME", serviceName,
                // Traces only: metrics go to Prometheus and EMF, logs to CloudWatch Logs.
                "OTEL_METRICS_EXPORTER", "none",
                "OTEL_LOGS_EXPORTER", "none");
    }

    static ContainerDefinition add(
            FargateTaskDefinition task, IRepository repository, ILogGroup logGroup) {
        task.getTaskRole()
                .addToPrincipalPolicy(
                        PolicyStatement.Builder.create()
                                .actions(
                                        List.of(
                                                "xray:PutTraceSegments",
                                                "xray:PutTelemetryRecords"))
                                .resources(List.of("*"))
                                .build());
        return task.addContainer(
                NAME,
                ContainerDefinitionOptions.builder()
                        .image(ContainerImage.fromEcrRepository(repository, CollectorImage.TAG))
                        .essential(false)
                        .environment(Map.of("AOT_CONFIG_CONTENT", CONFIG))
                        .user(ServiceTask.USER)
                        .readonlyRootFilesystem(true)
                        .memoryLimitMiB(MEMORY_MIB)
                        .logging(
                                LogDriver.awsLogs(
                                        AwsLogDriverProps.builder()
                                                .logGroup(logGroup)
                                                .streamPrefix(NAME)
                                                .build()))
                        .build());
    }
}
