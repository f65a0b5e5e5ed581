package io.waymark.infra.service;

import io.waymark.infra.config.Tracing;
import io.waymark.infra.nag.Nag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The task definition: {@code serve}, preceded by a one-shot {@code migrate} container when the
 * store wants one. Every container runs as the image's non-root user with a read-only root file
 * system and a hard memory limit; what the JVM and ECS Exec must write goes to task-local volumes.
 */
final class ServiceTask {

    /**
     * The image's user (Dockerfile: uid/gid 10001), declared so ECS never starts the container as
     * root.
     */
    static final String USER = "10001:10001";

    /**
     * Writable paths under the read-only root: the JVM's temp dir (Tomcat work dir, sqlite-jdbc's
     * native library), and the directories ECS Exec's SSM agent writes to.
     */
    static final Map<String, String> SCRATCH_VOLUMES =
            Map.of(
                    "tmp", "/tmp",
                    "ssm-lib", "/var/lib/amazon/ssm",
                    "ssm-log", "/var/log/amazon/ssm",
                    "managed-agents", "/managed-agents");

    // migrate's share of the task memory; serve gets the rest. ECS requires the containers' hard
    // limits to fit in the task's memory together, although migrate has exited before serve starts.
    private static final int MIGRATE_MEMORY_DIVISOR = 4;

    /** Fargate CPU units of one vCPU. */
    private static final int FULL_CPU = 1024;

    private final FargateTaskDefinition definition;
    private final ContainerDefinition serve;
    private final ISecret firstAdmin;
    private final boolean xray;

    // Not a construct of its own: the task definition keeps its place (and logical ID) under the
    // service.
    ServiceTask(Construct scope, ServiceProps props, ILogGroup logGroup) {
        this.definition =
                FargateTaskDefinition.Builder.create(scope, "Task")
                        .cpu(props.sizing().taskCpu())
                        .memoryLimitMiB(props.sizing().taskMemoryMiB())
                        .runtimePlatform(
                                RuntimePlatform.builder()
                                        .cpuArchitecture(CpuArchitecture.ARM64)
                                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                                        .build())
                        .build();
        SCRATCH_VOLUMES.keySet().stream()
                .sorted()
                .forEach(name -> definition.addVolume(Volume.builder().name(name).build()));
        ContainerImage image =
                ContainerImage.fromEcrRepository(props.repository(), props.imageTag());
        Map<String, String> environment = new HashMap<>(props.environment());
        environment.put("PORT", Integer.toString(Service.PORT));
        environment.put("LOG_FORMAT", "json");
        environment.put("DATABASE_URL", props.database().url());
        if (props.sizing().taskCpu() < FULL_CPU) {
            // scripts/container/lean.env says why (measured: C1 alone halves start-up at 0.25
            // vCPU); a test ties the two. The java launcher reads this variable (and says so once
            // in the log).
            environment.putAll(Service.BELOW_ONE_CPU);
        }
        this.xray = props.tracing() == Tracing.XRAY;
        if (xray) {
            environment.putAll(
                    TraceCollector.serviceEnvironment(
                            Stack.of(scope).getStackName().toLowerCase()));
        }

        boolean separateMigrate = props.database().migratesInInitContainer();
        int memory = props.sizing().taskMemoryMiB();
        int migrateMemory = separateMigrate ? memory / MIGRATE_MEMORY_DIVISOR : 0;
        int collectorMemory = xray ? TraceCollector.MEMORY_MIB : 0;
        this.serve =
                definition.addContainer(
                        Service.SERVE,
                        container(
                                        Service.SERVE,
                                        image,
                                        environment,
                                        logGroup,
                                        memory - migrateMemory - collectorMemory)
                                .portMappings(
                                        List.of(
                                                PortMapping.builder()
                                                        .containerPort(Service.PORT)
                                                        .name("http")
                                                        .build()))
                                .healthCheck(healthCheck(ContainerHealthCheck.SERVE))
                                // Graceful shutdown drains in-flight requests (and, on SQLite,
                                // releases the writer lock).
                                .stopTimeout(Duration.seconds(30))
                                .build());
        List<ContainerDefinition> containers = new ArrayList<>(List.of(serve));
        if (separateMigrate) {
            ContainerDefinition migrate =
                    definition.addContainer(
                            Service.MIGRATE,
                            container(Service.MIGRATE, image, environment, logGroup, migrateMemory)
                                    .command(List.of(Service.MIGRATE))
                                    .essential(false)
                                    .build());
            serve.addContainerDependencies(
                    ContainerDependency.builder()
                            .container(migrate)
                            .condition(ContainerDependencyCondition.SUCCESS)
                            .build());
            containers.add(migrate);
        }
        containers.forEach(this::mountScratchVolumes);
        props.database().attach(definition, containers);
        injectKeyEncryptionKey(scope, containers);
        this.firstAdmin = FirstAdmin.generate(scope, serve);
        if (xray) {
            TraceCollector.add(definition, props.repository(), logGroup)
                    .addMountPoints(
                            MountPoint.builder()
                                    .sourceVolume("tmp")
                                    .containerPath("/tmp")
                                    .readOnly(false)
                                    .build());
        }
    }

    /**
     * Injected as an ECS secret like the database credentials: resolved when the task starts, so
     * the value never appears in the task definition.
     */
    private static void injectKeyEncryptionKey(
            Construct scope, List<ContainerDefinition> containers) {
        ISecret key = KeyEncryptionKey.generate(scope);
        containers.forEach(
                container ->
                        container.addSecret(
                                KeyEncryptionKey.VARIABLE, Secret.fromSecretsManager(key)));
    }

    /**
     * After the service exists: enabling ECS Exec adds the task role's statements these findings
     * are about.
     */
    void suppressNagFindings() {
        Nag.suppress(
                definition,
                Nag.rule(
                        "ECS2",
                        "Only non-secret settings are environment variables (port, log format, issuer, "
                                + "database URL without credentials, the collector's configuration); credentials are ECS "
                                + "secrets from Secrets Manager."),
                Nag.rule(
                        "IAM5",
                        "ECS Exec's ssmmessages channels and logs:DescribeLogGroups have no resource "
                                + "ARN, and ecr:GetAuthorizationToken is account-wide by design"
                                + (xray
                                        ? "; so are xray:PutTraceSegments and xray:PutTelemetryRecords (X-Ray has no "
                                                + "resource-level permissions)."
                                        : "."),
                        "Resource::*"),
                Nag.ruleMatching(
                        "IAM5",
                        "ECS Exec session logs: streams are created per session inside the "
                                + "dedicated exec log group only.",
                        "/^Resource::arn:<AWS::Partition>:logs:.*:log-group:<.*ExecLogs.*>:\\*$/"));
    }

    private static ContainerDefinitionOptions.Builder container(
            String name,
            ContainerImage image,
            Map<String, String> environment,
            ILogGroup logGroup,
            int memoryMiB) {
        return ContainerDefinitionOptions.builder()
                .image(image)
                .command(List.of(name))
                .environment(environment)
                .user(USER)
                .readonlyRootFilesystem(true)
                .memoryLimitMiB(memoryMiB)
                .logging(
                        LogDriver.awsLogs(
                                AwsLogDriverProps.builder()
                                        .logGroup(logGroup)
                                        .streamPrefix(name)
                                        .build()));
    }

    private static HealthCheck healthCheck(ContainerHealthCheck check) {
        return HealthCheck.builder()
                .command(check.command())
                .interval(Duration.seconds(check.interval().toSeconds()))
                .timeout(Duration.seconds(check.timeout().toSeconds()))
                .retries(check.retries())
                .startPeriod(Duration.seconds(check.startPeriod().toSeconds()))
                .build();
    }

    private void mountScratchVolumes(ContainerDefinition container) {
        SCRATCH_VOLUMES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(
                        volume ->
                                container.addMountPoints(
                                        MountPoint.builder()
                                                .sourceVolume(volume.getKey())
                                                .containerPath(volume.getValue())
                                                .readOnly(false)
                                                .build()));
    }

    FargateTaskDefinition definition() {
        return definition;
    }

    ContainerDefinition serve() {
        return serve;
    }

    ISecret firstAdmin() {
        return firstAdmin;
    }
}
