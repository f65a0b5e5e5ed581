package io.waymark.infra.edge;

import io.waymark.infra.nag.Nag;
import io.waymark.infra.service.ContainerHealthCheck;
import io.waymark.infra.service.Service;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * Internet-facing ALB for {@code ingress=alb}: HTTPS with the given certificate (HTTP redirected),
 * access logs to an encrypted bucket, invalid header fields dropped. The service checks JWTs
 * itself; an ALB cannot run the API Gateway authorizer.
 */
public final class LoadBalancerEdge extends Construct implements Edge {

    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationListener listener;
    private final String url;
    private final boolean https;
    private ApplicationTargetGroup targetGroup;

    public LoadBalancerEdge(Construct scope, String id, LoadBalancerEdgeProps props) {
        super(scope, id);
        this.https = props.domain().isPresent();
        // ALB access logs only support SSE-S3 (not KMS).
        Bucket accessLogs =
                Bucket.Builder.create(this, "AccessLogs")
                        .encryption(BucketEncryption.S3_MANAGED)
                        .enforceSsl(true)
                        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                        .lifecycleRules(
                                List.of(
                                        LifecycleRule.builder()
                                                .expiration(Duration.days(90))
                                                .build()))
                        .removalPolicy(props.prod() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                        .autoDeleteObjects(!props.prod())
                        .build();
        Nag.suppress(
                accessLogs,
                Nag.rule(
                        "S1",
                        "This is the access-log bucket of the load balancer; logging "
                                + "access to the log bucket into itself would recurse."));
        SecurityGroup securityGroup =
                SecurityGroup.Builder.create(this, "SecurityGroup")
                        .vpc(props.network().vpc())
                        .description("Waymark ALB: HTTP(S) from the internet")
                        .allowAllOutbound(false)
                        .build();
        securityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(https ? 443 : 80), "clients");
        EgressToTasks.restrict(securityGroup, props.network().vpc());
        if (https) {
            securityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "redirect to HTTPS");
        }
        Nag.suppress(
                securityGroup,
                Nag.rule(
                        "EC23",
                        "An internet-facing API load balancer accepts HTTP(S) from "
                                + "any address; the tasks behind it accept traffic from this security group only."));
        this.loadBalancer =
                ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                        .vpc(props.network().vpc())
                        .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                        .internetFacing(true)
                        .securityGroup(securityGroup)
                        .dropInvalidHeaderFields(true)
                        // As the prod database: a prod destroy is a deliberate two-step operation.
                        .deletionProtection(props.prod())
                        .build();
        loadBalancer.logAccessLogs(accessLogs, "alb");
        if (https) {
            this.listener =
                    loadBalancer.addListener(
                            "Https",
                            BaseApplicationListenerProps.builder()
                                    .port(443)
                                    .protocol(ApplicationProtocol.HTTPS)
                                    .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                                    .certificates(
                                            List.of(
                                                    ListenerCertificate.fromArn(
                                                            props.certificateArn().orElseThrow())))
                                    .open(false)
                                    .build());
            loadBalancer.addListener(
                    "HttpRedirect",
                    BaseApplicationListenerProps.builder()
                            .port(80)
                            .protocol(ApplicationProtocol.HTTP)
                            .defaultAction(
                                    ListenerAction.redirect(
                                            RedirectOptions.builder()
                                                    .protocol("HTTPS")
                                                    .port("443")
                                                    .permanent(true)
                                                    .build()))
                            .open(false)
                            .build());
            this.url = "https://" + props.domain().get();
        } else {
            this.listener =
                    loadBalancer.addListener(
                            "Http",
                            BaseApplicationListenerProps.builder()
                                    .port(80)
                                    .protocol(ApplicationProtocol.HTTP)
                                    .open(false)
                                    .build());
            this.url = "http://" + loadBalancer.getLoadBalancerDnsName();
        }
    }

    @Override
    public Optional<String> dnsTarget() {
        return https ? Optional.of(loadBalancer.getLoadBalancerDnsName()) : Optional.empty();
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String forwardedHeader() {
        return "x-forwarded-for";
    }

    @Override
    public void route(Service service) {
        this.targetGroup =
                listener.addTargets(
                        "Service",
                        AddApplicationTargetsProps.builder()
                                .port(Service.PORT)
                                .protocol(ApplicationProtocol.HTTP)
                                .targets(
                                        List.of(
                                                service.fargateService()
                                                        .loadBalancerTarget(
                                                                LoadBalancerTargetOptions.builder()
                                                                        .containerName(
                                                                                Service.SERVE)
                                                                        .containerPort(Service.PORT)
                                                                        .build())))
                                .healthCheck(
                                        software.amazon.awscdk.services.elasticloadbalancingv2
                                                .HealthCheck.builder()
                                                .path(ContainerHealthCheck.LIVENESS_PATH)
                                                .healthyHttpCodes("200")
                                                .interval(Duration.seconds(15))
                                                .healthyThresholdCount(2)
                                                .unhealthyThresholdCount(3)
                                                .build())
                                .deregistrationDelay(Duration.seconds(30))
                                .build());
        // listener.addTargets opened the service port to the ALB's security group, and only to it.
        // ECS replaces a task that fails the target group's check, so the group asks liveness, as
        // the container check does: a readiness check fails on every task at once while the
        // database fails over, and ECS would replace them all. During a failover the tasks stay and
        // answer 503 until the store is back. ECS ignores the verdict for the container check's
        // start period, the JVM's measured start-up with margin.
        ((CfnService) service.fargateService().getNode().getDefaultChild())
                .setHealthCheckGracePeriodSeconds(
                        (int) ContainerHealthCheck.SERVE.startPeriod().toSeconds());
    }

    /**
     * The target group, available after {@link #route(Service)}; drives request-count autoscaling.
     */
    public ApplicationTargetGroup targetGroup() {
        if (targetGroup == null) {
            throw new IllegalStateException("route(service) first");
        }
        return targetGroup;
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    @Override
    public Metric requests() {
        return loadBalancer.getMetrics().requestCount(sum());
    }

    @Override
    public IMetric clientErrors() {
        return loadBalancer.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_4XX_COUNT, sum());
    }

    // 5xx from the tasks plus 5xx the ALB generates itself (no healthy target, timeouts).
    @Override
    public IMetric serverErrors() {
        return MathExpression.Builder.create()
                .expression("FILL(target, 0) + FILL(elb, 0)")
                .usingMetrics(
                        java.util.Map.of(
                                "target",
                                        loadBalancer
                                                .getMetrics()
                                                .httpCodeTarget(
                                                        HttpCodeTarget.TARGET_5XX_COUNT, sum()),
                                "elb",
                                        loadBalancer
                                                .getMetrics()
                                                .httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, sum())))
                .label("5xx")
                .period(Duration.minutes(1))
                .build();
    }

    @Override
    public IMetric latency(String percentile) {
        // TargetResponseTime is in seconds; the alarms and the dashboard work in milliseconds.
        return MathExpression.Builder.create()
                .expression("1000 * seconds" + percentile)
                .usingMetrics(
                        java.util.Map.of(
                                "seconds" + percentile,
                                loadBalancer
                                        .getMetrics()
                                        .targetResponseTime(
                                                MetricOptions.builder()
                                                        .statistic(percentile)
                                                        .period(Duration.minutes(1))
                                                        .build())))
                .label("latency " + percentile + " (ms)")
                .period(Duration.minutes(1))
                .build();
    }

    @Override
    public Optional<Metric> unhealthyTargets() {
        return Optional.of(
                targetGroup()
                        .getMetrics()
                        .unhealthyHostCount(
                                MetricOptions.builder()
                                        .statistic("Maximum")
                                        .period(Duration.minutes(1))
                                        .build()));
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(Duration.minutes(1)).build();
    }
}
