package io.waymark.infra.service;

import io.waymark.infra.nag.Nag;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.services.ecr.CfnPullThroughCacheRule;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * {@code tracing=xray}: the AWS Distro for OpenTelemetry collector as a sidecar. The service
 * exports OTLP/HTTP to it on the task's loopback (the containers of a Fargate task share one
 * network namespace, so nothing listens outside the task), and it sends the spans to X-Ray. Not
 * essential: when the collector stops, the service goes on serving and only its traces are lost.
 *
 * <p>The image comes from Amazon ECR Public through a pull-through cache rule of the account's
 * private registry, so standard's isolated subnets pull it through the ECR endpoints they have, and
 * lean through its public IP like the service image.
 */
final class TraceCollector {

    static final String NAME = "otel-collector";

    /**
     * A pinned release, bumped deliberately: the collector's configuration keys change between
     * versions.
     */
    static final String IMAGE = "aws-observability/aws-otel-collector:v0.40.0";

    private static final String CUSTOM_RESOURCE_FUNCTION = "AWS679f53fac002430cb0da5b7982bd2287";

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
            Construct scope, FargateTaskDefinition task, ILogGroup logGroup) {
        String prefix = Stack.of(scope).getStackName().toLowerCase() + "-ecr";
        CfnPullThroughCacheRule.Builder.create(scope, "EcrPublicCache")
                .ecrRepositoryPrefix(prefix)
                .upstreamRegistryUrl("public.ecr.aws")
                .build();
        String repositories = repositoryArn(prefix + "/*");
        deleteCachedRepositoryOnDestroy(scope, task, prefix + "/" + IMAGE.split(":")[0]);
        // The first pull creates the cached repository and imports the image; later pulls read it
        // like any other.
        task.obtainExecutionRole()
                .addToPrincipalPolicy(
                        PolicyStatement.Builder.create()
                                .actions(
                                        List.of(
                                                "ecr:BatchCheckLayerAvailability",
                                                "ecr:GetDownloadUrlForLayer",
                                                "ecr:BatchGetImage",
                                                "ecr:BatchImportUpstreamImage",
                                                "ecr:CreateRepository"))
                                .resources(List.of(repositories))
                                .build());
        task.getTaskRole()
                .addToPrincipalPolicy(
                        PolicyStatement.Builder.create()
                                .actions(
                                        List.of(
                                                "xray:PutTraceSegments",
                                                "xray:PutTelemetryRecords"))
                                .resources(List.of("*"))
                                .build());
        String image =
                Aws.ACCOUNT_ID
                        + ".dkr.ecr."
                        + Aws.REGION
                        + "."
                        + Aws.URL_SUFFIX
                        + "/"
                        + prefix
                        + "/"
                        + IMAGE;
        return task.addContainer(
                NAME,
                ContainerDefinitionOptions.builder()
                        .image(ContainerImage.fromRegistry(image))
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

    // ECR creates the cached repository on the first pull, outside CloudFormation, so cdk destroy
    // would leave it (and its storage bill) behind. The task definition depends on the clean-up,
    // so the clean-up goes after the service and the tasks that pull. Its function runs only then.
    private static void deleteCachedRepositoryOnDestroy(
            Construct scope, FargateTaskDefinition task, String repository) {
        AwsCustomResource cleanup =
                AwsCustomResource.Builder.create(scope, "EcrPublicCacheCleanup")
                        .onDelete(
                                AwsSdkCall.builder()
                                        .service("ECR")
                                        .action("deleteRepository")
                                        .parameters(
                                                Map.of("repositoryName", repository, "force", true))
                                        // Never pulled: nothing to delete.
                                        .ignoreErrorCodesMatching("RepositoryNotFoundException")
                                        .build())
                        .policy(
                                AwsCustomResourcePolicy.fromStatements(
                                        List.of(
                                                PolicyStatement.Builder.create()
                                                        .actions(List.of("ecr:DeleteRepository"))
                                                        .resources(
                                                                List.of(repositoryArn(repository)))
                                                        .build())))
                        .installLatestAwsSdk(false)
                        .build();
        task.getNode().addDependency(cleanup);
        // CDK's one function behind every AwsCustomResource of the stack, under this fixed id.
        Stack.of(scope).getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith(CUSTOM_RESOURCE_FUNCTION))
                .forEach(
                        function ->
                                Nag.suppress(
                                        function,
                                        Nag.rule(
                                                "IAM4",
                                                "CDK's AwsCustomResource function writes its own logs through "
                                                        + "AWSLambdaBasicExecutionRole; it runs only when the stack is destroyed.")));
    }

    private static String repositoryArn(String repository) {
        return "arn:"
                + Aws.PARTITION
                + ":ecr:"
                + Aws.REGION
                + ":"
                + Aws.ACCOUNT_ID
                + ":repository/"
                + repository;
    }
}
