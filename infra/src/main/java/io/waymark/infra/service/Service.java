package io.waymark.infra.service;

import io.waymark.infra.nag.Nag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.ExecuteCommandConfiguration;
import software.amazon.awscdk.services.ecs.ExecuteCommandLogConfiguration;
import software.amazon.awscdk.services.ecs.ExecuteCommandLogging;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MemoryUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.PropagatedTagSource;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.servicediscovery.DnsRecordType;
import software.amazon.awscdk.services.servicediscovery.IService;
import software.constructs.Construct;

/**
 * The ECS Fargate service: a task with a one-shot {@code migrate} container that must exit 0 before
 * {@code serve} starts, health-checked on {@code /health/ready}, rolled back by the circuit breaker or by alarm.
 */
public final class Service extends Construct implements IConnectable {

    /** Port the service listens on ({@code PORT}). */
    public static final int PORT = 8080;
    /** Name of the container that serves traffic. */
    public static final String SERVE = "serve";
    /** Name of the one-shot migration container. */
    public static final String MIGRATE = "migrate";
    /**
     * Container health check. The image ships {@code /usr/local/bin/waymark-healthcheck} (bash {@code /dev/tcp},
     * GET /health/ready, exit 0 on 200) because the JRE base image has neither curl nor wget.
     */
    public static final List<String> HEALTH_CHECK = List.of("CMD-SHELL", "/usr/local/bin/waymark-healthcheck || exit 1");

    private final FargateService service;
    private final FargateTaskDefinition taskDefinition;
    private final ContainerDefinition serve;
    private final LogGroup logGroup;
    private final ScalableTaskCount scaling;

    public Service(Construct scope, String id, ServiceProps props) {
        super(scope, id);
        boolean lean = props.profile().isLean();
        // ECS Exec sessions are recorded in their own log group; the task role may write there and nowhere else.
        LogGroup execLogs = LogGroup.Builder.create(this, "ExecLogs")
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(props.network().vpc())
                .executeCommandConfiguration(ExecuteCommandConfiguration.builder()
                        .logging(ExecuteCommandLogging.OVERRIDE)
                        .logConfiguration(ExecuteCommandLogConfiguration.builder()
                                .cloudWatchLogGroup(execLogs)
                                .build())
                        .build())
                // Container Insights costs about as much as the whole lean task; lean relies on the free
                // AWS/ECS service metrics instead.
                .containerInsightsV2(lean ? ContainerInsights.DISABLED : ContainerInsights.ENABLED)
                .build();
        if (lean) {
            Nag.suppress(cluster, Nag.rule("ECS4", "Lean keeps its bill at a few dollars: Container Insights would "
                    + "add about $4/month; CPU, memory and task presence come from the free AWS/ECS metrics."));
        }
        this.logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        this.taskDefinition = FargateTaskDefinition.Builder.create(this, "Task")
                .cpu(lean ? 256 : 512)
                .memoryLimitMiB(lean ? 512 : 1024)
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.ARM64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .build();
        ContainerImage image = ContainerImage.fromEcrRepository(props.repository(), props.imageTag());
        Map<String, String> environment = new HashMap<>(props.environment());
        environment.put("PORT", Integer.toString(PORT));
        environment.put("LOG_FORMAT", "json");
        environment.put("DATABASE_URL", props.database().url());

        ContainerDefinition migrate = taskDefinition.addContainer(MIGRATE, ContainerDefinitionOptions.builder()
                .image(image)
                .command(List.of(MIGRATE))
                .essential(false)
                .environment(environment)
                .logging(logs(MIGRATE))
                .build());
        this.serve = taskDefinition.addContainer(SERVE, ContainerDefinitionOptions.builder()
                .image(image)
                .command(List.of(SERVE))
                .environment(environment)
                .portMappings(List.of(PortMapping.builder().containerPort(PORT).name("http").build()))
                .healthCheck(HealthCheck.builder()
                        .command(HEALTH_CHECK)
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .retries(3)
                        .startPeriod(Duration.seconds(60))
                        .build())
                // Graceful shutdown drains in-flight requests before ECS sends SIGKILL.
                .stopTimeout(Duration.seconds(30))
                .logging(logs(SERVE))
                .build());
        serve.addContainerDependencies(ContainerDependency.builder()
                .container(migrate)
                .condition(ContainerDependencyCondition.SUCCESS)
                .build());
        props.database().attach(taskDefinition, List.of(migrate, serve));

        SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.network().vpc())
                .description("Waymark tasks: inbound only from the ingress, opened by the edge construct")
                .allowAllOutbound(true)
                .build();
        var builder = FargateService.Builder.create(this, "Service")
                .cluster(cluster)
                .taskDefinition(taskDefinition)
                .vpcSubnets(props.network().serviceSubnets())
                .assignPublicIp(props.network().tasksNeedPublicIp())
                .securityGroups(List.of(securityGroup))
                // SQLite has exactly one writer: lean pins one task and stops the old task before starting the
                // new one (min 0 %, max 100 %), so two tasks never open the same database file.
                .desiredCount(lean ? 1 : 2)
                .minHealthyPercent(lean ? 0 : 100)
                .maxHealthyPercent(lean ? 100 : 200)
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .enableExecuteCommand(true)
                .propagateTags(PropagatedTagSource.SERVICE);
        props.cloudMapNamespace().ifPresent(namespace -> builder.cloudMapOptions(CloudMapOptions.builder()
                .cloudMapNamespace(namespace)
                .name("waymark")
                // API Gateway's Cloud Map integration needs SRV records to learn the task port.
                .dnsRecordType(DnsRecordType.SRV)
                .container(serve)
                .containerPort(PORT)
                .dnsTtl(Duration.seconds(10))
                .build()));
        this.service = builder.build();
        this.scaling = lean ? null : autoscale(props.maxTasks());
        Nag.suppress(taskDefinition,
                Nag.rule("ECS2", "Only non-secret settings are environment variables (port, log format, issuer, "
                        + "database URL without credentials); credentials are ECS secrets from Secrets Manager."),
                Nag.rule("IAM5", "ECS Exec's ssmmessages channels and logs:DescribeLogGroups have no resource "
                        + "ARN, and ecr:GetAuthorizationToken is account-wide by design.", "Resource::*"),
                Nag.ruleMatching("IAM5", "ECS Exec session logs: streams are created per session inside the "
                        + "dedicated exec log group only.", "/^Resource::arn:<AWS::Partition>:logs:.*:log-group:<.*ExecLogs.*>:\\*$/"));
    }

    private ScalableTaskCount autoscale(int maxTasks) {
        ScalableTaskCount count = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(2)
                .maxCapacity(maxTasks)
                .build());
        count.scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder()
                .targetUtilizationPercent(60)
                .scaleOutCooldown(Duration.minutes(1))
                .scaleInCooldown(Duration.minutes(5))
                .build());
        count.scaleOnMemoryUtilization("Memory", MemoryUtilizationScalingProps.builder()
                .targetUtilizationPercent(75)
                .scaleOutCooldown(Duration.minutes(1))
                .scaleInCooldown(Duration.minutes(5))
                .build());
        return count;
    }

    /** Adds request-per-target scaling; only an ALB target group provides that metric. */
    public void scaleOnRequests(ApplicationTargetGroup targetGroup, int requestsPerTarget) {
        if (scaling == null) {
            throw new IllegalStateException("the lean profile runs exactly one task and does not autoscale");
        }
        scaling.scaleOnRequestCount("Requests", RequestCountScalingProps.builder()
                .requestsPerTarget(requestsPerTarget)
                .targetGroup(targetGroup)
                .scaleOutCooldown(Duration.minutes(1))
                .scaleInCooldown(Duration.minutes(5))
                .build());
    }

    private LogDriver logs(String prefix) {
        return LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logGroup).streamPrefix(prefix).build());
    }

    public FargateService fargateService() {
        return service;
    }

    public FargateTaskDefinition taskDefinition() {
        return taskDefinition;
    }

    public ContainerDefinition serveContainer() {
        return serve;
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    /** The Cloud Map service API Gateway resolves (only with a namespace). */
    public IService cloudMapService() {
        return service.getCloudMapService();
    }

    @Override
    public Connections getConnections() {
        return service.getConnections();
    }
}
