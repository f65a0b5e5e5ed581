package io.waymark.infra.service;

import io.waymark.infra.config.Sizing;
import io.waymark.infra.nag.Nag;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.ExecuteCommandConfiguration;
import software.amazon.awscdk.services.ecs.ExecuteCommandLogConfiguration;
import software.amazon.awscdk.services.ecs.ExecuteCommandLogging;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.PropagatedTagSource;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.servicediscovery.DnsRecordType;
import software.amazon.awscdk.services.servicediscovery.IService;
import software.constructs.Construct;

/**
 * The ECS Fargate service: the {@link ServiceTask}, deployed new-before-old (the new task must pass
 * its health check before ECS stops the old one) and rolled back by the circuit breaker or by
 * alarm; autoscaled on CPU (and requests per target behind an ALB) in standard; redeployed when the
 * database password rotates.
 */
public final class Service extends Construct implements IConnectable {

    /**
     * The environment of a task with less than one vCPU: the JVM's JIT setting for it
     * (scripts/container/lean.env).
     */
    public static final Map<String, String> BELOW_ONE_CPU =
            Map.of("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1");

    /** Port the service listens on ({@code PORT}). */
    public static final int PORT = 8080;

    /** Name of the container that serves traffic. */
    public static final String SERVE = "serve";

    /** Name of the one-shot migration container (PostgreSQL and DocumentDB). */
    public static final String MIGRATE = "migrate";

    private final FargateService service;
    private final ServiceTask task;
    private final LogGroup logGroup;
    private final ScalableTaskCount scaling;

    public Service(Construct scope, String id, ServiceProps props) {
        super(scope, id);
        Cluster cluster = cluster(props);
        this.logGroup =
                LogGroup.Builder.create(this, "Logs")
                        .retention(props.logRetention())
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build();
        this.task = new ServiceTask(this, props, logGroup);
        this.service = fargateService(props, cluster);
        task.suppressNagFindings();
        props.database()
                .readyBeforeTasks()
                .forEach(dependency -> service.getNode().addDependency(dependency));
        this.scaling = props.profile().isLean() ? null : autoscale(props.sizing());
        props.database()
                .rotatedSecret()
                .ifPresent(
                        secret ->
                                new RedeployOnRotation(
                                        this,
                                        "RedeployOnRotation",
                                        secret,
                                        service,
                                        props.logRetention()));
    }

    private Cluster cluster(ServiceProps props) {
        boolean lean = props.profile().isLean();
        // ECS Exec sessions are recorded in their own log group; the task role may write there and
        // nowhere else.
        LogGroup execLogs =
                LogGroup.Builder.create(this, "ExecLogs")
                        .retention(props.logRetention())
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build();
        Cluster cluster =
                Cluster.Builder.create(this, "Cluster")
                        .vpc(props.network().vpc())
                        .executeCommandConfiguration(
                                ExecuteCommandConfiguration.builder()
                                        .logging(ExecuteCommandLogging.OVERRIDE)
                                        .logConfiguration(
                                                ExecuteCommandLogConfiguration.builder()
                                                        .cloudWatchLogGroup(execLogs)
                                                        .build())
                                        .build())
                        // Container Insights costs about as much as the whole lean task; lean
                        // relies on the free AWS/ECS service metrics instead.
                        .containerInsightsV2(
                                lean ? ContainerInsights.DISABLED : ContainerInsights.ENABLED)
                        .build();
        if (lean) {
            Nag.suppress(
                    cluster,
                    Nag.rule(
                            "ECS4",
                            "Lean keeps its bill at a few dollars: Container Insights would "
                                    + "add about $4/month; CPU, memory and task presence come from the free AWS/ECS metrics."));
        }
        return cluster;
    }

    private FargateService fargateService(ServiceProps props, Cluster cluster) {
        SecurityGroup securityGroup =
                SecurityGroup.Builder.create(this, "SecurityGroup")
                        .vpc(props.network().vpc())
                        .description(
                                "Waymark tasks: inbound only from the ingress, opened by the edge construct")
                        .allowAllOutbound(true)
                        .build();
        var builder =
                FargateService.Builder.create(this, "Service")
                        .cluster(cluster)
                        .taskDefinition(task.definition())
                        .vpcSubnets(props.network().serviceSubnets())
                        .assignPublicIp(props.network().tasksNeedPublicIp())
                        .securityGroups(List.of(securityGroup))
                        .desiredCount(props.sizing().minTasks())
                        // New before old, in every profile: stopping first would leave no task, API
                        // Gateway would answer 5xx and the 5xx-rate rollback alarm would roll a
                        // good deployment back. On SQLite the new task passes its liveness check
                        // but waits for the old task's writer lock, which is released when the old
                        // task's graceful shutdown ends, so there is still one writer at a time.
                        .minHealthyPercent(100)
                        .maxHealthyPercent(200)
                        .circuitBreaker(
                                DeploymentCircuitBreaker.builder()
                                        .enable(true)
                                        .rollback(true)
                                        .build())
                        .enableExecuteCommand(true)
                        .propagateTags(PropagatedTagSource.SERVICE);
        props.cloudMapNamespace()
                .ifPresent(
                        namespace ->
                                builder.cloudMapOptions(
                                        CloudMapOptions.builder()
                                                .cloudMapNamespace(namespace)
                                                .name("waymark")
                                                // API Gateway's Cloud Map integration needs SRV
                                                // records to learn the task port.
                                                .dnsRecordType(DnsRecordType.SRV)
                                                .container(task.serve())
                                                .containerPort(PORT)
                                                .dnsTtl(Duration.seconds(10))
                                                .build()));
        return builder.build();
    }

    // CPU only: memory follows the JVM heap, a fixed share of the container, and would never scale
    // back in.
    private ScalableTaskCount autoscale(Sizing sizing) {
        ScalableTaskCount count =
                service.autoScaleTaskCount(
                        EnableScalingProps.builder()
                                .minCapacity(sizing.minTasks())
                                .maxCapacity(sizing.maxTasks())
                                .build());
        count.scaleOnCpuUtilization(
                "Cpu",
                CpuUtilizationScalingProps.builder()
                        .targetUtilizationPercent(sizing.cpuTargetPercent())
                        .scaleOutCooldown(Duration.minutes(1))
                        .scaleInCooldown(Duration.minutes(5))
                        .build());
        return count;
    }

    /** Adds request-per-target scaling; only an ALB target group provides that metric. */
    public void scaleOnRequests(ApplicationTargetGroup targetGroup, int requestsPerTarget) {
        if (scaling == null) {
            throw new IllegalStateException(
                    "the lean profile runs exactly one task and does not autoscale");
        }
        scaling.scaleOnRequestCount(
                "Requests",
                RequestCountScalingProps.builder()
                        .requestsPerTarget(requestsPerTarget)
                        .targetGroup(targetGroup)
                        .scaleOutCooldown(Duration.minutes(1))
                        .scaleInCooldown(Duration.minutes(5))
                        .build());
    }

    public FargateService fargateService() {
        return service;
    }

    public FargateTaskDefinition taskDefinition() {
        return task.definition();
    }

    public ContainerDefinition serveContainer() {
        return task.serve();
    }

    /** The generated secret holding the first admin's user name and password. */
    public ISecret firstAdminSecret() {
        return task.firstAdmin();
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
