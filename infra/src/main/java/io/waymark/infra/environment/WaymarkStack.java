package io.waymark.infra.environment;

import io.waymark.infra.config.DeploymentConfig;
import io.waymark.infra.config.Ingress;
import io.waymark.infra.config.Tracing;
import io.waymark.infra.data.Data;
import io.waymark.infra.data.DataProps;
import io.waymark.infra.edge.ApiGatewayEdge;
import io.waymark.infra.edge.ApiGatewayEdgeProps;
import io.waymark.infra.edge.Edge;
import io.waymark.infra.edge.LoadBalancerEdge;
import io.waymark.infra.edge.LoadBalancerEdgeProps;
import io.waymark.infra.monitoring.Monitoring;
import io.waymark.infra.monitoring.MonitoringProps;
import io.waymark.infra.nag.Nag;
import io.waymark.infra.network.Network;
import io.waymark.infra.network.NetworkProps;
import io.waymark.infra.service.Service;
import io.waymark.infra.service.ServiceImage;
import io.waymark.infra.service.ServiceProps;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TagProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AlarmBehavior;
import software.amazon.awscdk.services.ecs.DeploymentAlarmOptions;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.servicediscovery.INamespace;
import software.constructs.Construct;

/**
 * One Waymark environment: network, data, edge, service and monitoring, composed from the
 * configuration.
 */
public final class WaymarkStack extends Stack {

    private final Service service;
    private final Edge edge;

    public WaymarkStack(Construct scope, String id, StackProps props, DeploymentConfig config) {
        super(scope, id, props);
        // A year in prod (what an incident review or an audit may reach back to); a month
        // elsewhere.
        RetentionDays retention =
                config.isProd() ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH;
        Network network =
                new Network(
                        this,
                        "Network",
                        NetworkProps.builder()
                                .profile(config.profile())
                                .logRetention(retention)
                                .availabilityZoneIds(config.availabilityZoneIds())
                                .xray(config.tracing() == Tracing.XRAY)
                                .build());
        // The service writes its per-route metrics here (EMF), the dashboard and the alarms read
        // them from here.
        String metricsNamespace = "Waymark/" + config.envName();
        Data data =
                new Data(
                        this,
                        "Data",
                        DataProps.builder()
                                .kind(config.database())
                                .network(network)
                                .prod(config.isProd())
                                .logRetention(retention)
                                .build());

        Optional<INamespace> namespace;
        if (config.ingress() == Ingress.APIGATEWAY) {
            var gateway =
                    new ApiGatewayEdge(
                            this,
                            "Edge",
                            ApiGatewayEdgeProps.builder()
                                    .network(network)
                                    .authorizerJar(config.authorizerJar())
                                    .domain(config.domain())
                                    .certificateArn(config.certificateArn())
                                    .logRetention(retention)
                                    .build());
            namespace = Optional.of(gateway.namespace());
            this.edge = gateway;
        } else {
            namespace = Optional.empty();
            this.edge =
                    new LoadBalancerEdge(
                            this,
                            "Edge",
                            LoadBalancerEdgeProps.builder()
                                    .network(network)
                                    .domain(config.domain())
                                    .certificateArn(config.certificateArn())
                                    .prod(config.isProd())
                                    .build());
        }

        this.service =
                new Service(
                        this,
                        "Service",
                        ServiceProps.builder()
                                .profile(config.profile())
                                .network(network)
                                .database(data.database())
                                .repository(
                                        Repository.fromRepositoryName(
                                                this, "Repository", ServiceImage.REPOSITORY))
                                .imageTag(config.requiredImageTag())
                                // The issuer is the API's own URL: unique per environment, and what
                                // the authorizer expects. The edge's nodes (VPC link ENIs, ALB
                                // nodes) are in the VPC: the client address comes from there only.
                                // The public URL is the same URL, so the service never builds one
                                // from a client's Host header.
                                .environment(
                                        Map.of(
                                                "WAYMARK_ISSUER",
                                                edge.url(),
                                                "WAYMARK_PUBLIC_URL",
                                                edge.url(),
                                                "WAYMARK_CORS_ORIGINS",
                                                edge.url(),
                                                "WAYMARK_TRUSTED_PROXIES",
                                                network.vpc().getVpcCidrBlock(),
                                                "WAYMARK_FORWARDED_HEADER",
                                                edge.forwardedHeader(),
                                                "WAYMARK_CLOUDWATCH_NAMESPACE",
                                                metricsNamespace))
                                .cloudMapNamespace(namespace)
                                .sizing(config.sizing())
                                .logRetention(retention)
                                .tracing(config.tracing())
                                .build());
        data.database().allowFrom(service);
        edge.route(service);
        if (edge instanceof LoadBalancerEdge alb) {
            service.scaleOnRequests(alb.targetGroup(), 500);
        }

        Monitoring monitoring =
                new Monitoring(
                        this,
                        "Monitoring",
                        MonitoringProps.builder()
                                .envName(config.envName())
                                .edge(edge)
                                .service(service)
                                .database(data.database())
                                .alarmEmail(config.alarmEmail())
                                .containerInsights(!config.profile().isLean())
                                .memoryAlarmPercent(config.sizing().memoryAlarmPercent())
                                .metricsNamespace(metricsNamespace)
                                .build());
        service.fargateService()
                .enableDeploymentAlarms(
                        monitoring.deploymentAlarmNames(),
                        DeploymentAlarmOptions.builder()
                                .behavior(AlarmBehavior.ROLLBACK_ON_ALARM)
                                .build());

        output("ApiUrl", "Base URL of the Waymark API", edge.url());
        output("DocsUrl", "Swagger UI", edge.url() + "/docs");
        edge.dnsTarget()
                .ifPresent(
                        target ->
                                output(
                                        "DnsTarget",
                                        "Point "
                                                + config.domain().orElseThrow()
                                                + " (CNAME or alias record) at this name",
                                        target));
        output(
                "DataRetention",
                "What cdk destroy does to the data",
                data.database().retentionNote());
        output("Dashboard", "CloudWatch dashboard", monitoring.dashboard().getDashboardName());
        output("AlarmTopicArn", "SNS topic of the alarms", monitoring.topic().getTopicArn());
        output(
                "ServiceLogGroup",
                "Log group of the migrate and serve containers",
                service.logGroup().getLogGroupName());
        output(
                "AdminSecret",
                "The first admin's user name and password (aws secretsmanager get-secret-value"
                        + " --secret-id); only its first value counts",
                service.firstAdminSecret().getSecretArn());
        output(
                "ClusterName",
                "ECS cluster (for aws ecs execute-command)",
                service.fargateService().getCluster().getClusterName());

        suppressLogRetentionFunction();
        FunctionLogs.own(this, retention);

        tag("application", "waymark");
        tag("environment", config.envName());
        tag("profile", DeploymentConfig.lower(config.profile()));
        tag("managed-by", "cdk");
    }

    // In prod RDS and DocumentDB set their exported logs' retention through CDK's LogRetention
    // singleton Lambda.
    private void suppressLogRetentionFunction() {
        getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("LogRetention"))
                .forEach(
                        function ->
                                Nag.suppress(
                                        function,
                                        Nag.rule(
                                                "IAM4",
                                                "CDK's LogRetention helper writes its own logs through "
                                                        + "AWSLambdaBasicExecutionRole; it runs only during deployments."),
                                        Nag.rule(
                                                "IAM5",
                                                "CDK's LogRetention helper sets retention on log groups the database creates "
                                                        + "at deploy time, whose names are not known when the policy is written.",
                                                "Resource::*")));
    }

    // AWS::CloudWatch::Dashboard takes no Tags in CloudFormation's schema (cfn-lint E3002),
    // although CDK offers them.
    private void tag(String key, String value) {
        Tags.of(this)
                .add(
                        key,
                        value,
                        TagProps.builder()
                                .excludeResourceTypes(List.of("AWS::CloudWatch::Dashboard"))
                                .build());
    }

    private void output(String id, String description, String value) {
        CfnOutput.Builder.create(this, id).description(description).value(value).build();
    }

    public Service service() {
        return service;
    }

    public Edge edge() {
        return edge;
    }
}
