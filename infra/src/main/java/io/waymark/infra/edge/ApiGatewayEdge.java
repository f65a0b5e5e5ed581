package io.waymark.infra.edge;

import io.waymark.infra.nag.Nag;
import io.waymark.infra.service.Service;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpServiceDiscoveryIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpServiceDiscoveryIntegrationProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.DomainMappingOptions;
import software.amazon.awscdk.services.apigatewayv2.DomainName;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.VpcLink;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.servicediscovery.INamespace;
import software.amazon.awscdk.services.servicediscovery.PrivateDnsNamespace;
import software.constructs.Construct;

/**
 * API Gateway HTTP API → VPC link → Cloud Map SRV records of the tasks: no load balancer and no NAT
 * (the GPS tracker's design), with the JWT authorizer on every route except the public ones.
 */
public final class ApiGatewayEdge extends Construct implements Edge {

    // $context variables of HTTP APIs; the authorizer error shows why a request was refused.
    private static final String ACCESS_LOG_FORMAT =
            """
            {"requestId":"$context.requestId","ip":"$context.identity.sourceIp","time":"$context.requestTime",\
            "method":"$context.httpMethod","path":"$context.path","routeKey":"$context.routeKey",\
            "status":"$context.status","responseLength":"$context.responseLength","latencyMs":"$context.responseLatency",\
            "integrationLatencyMs":"$context.integrationLatency","integrationError":"$context.integrationErrorMessage",\
            "authorizerError":"$context.authorizer.error"}""";

    private final HttpApi api;
    private final VpcLink vpcLink;
    private final SecurityGroup vpcLinkSecurityGroup;
    private final PrivateDnsNamespace namespace;
    private final Authorizer authorizer;
    private final String url;
    private Optional<String> dnsTarget = Optional.empty();

    public ApiGatewayEdge(Construct scope, String id, ApiGatewayEdgeProps props) {
        super(scope, id);
        this.namespace =
                PrivateDnsNamespace.Builder.create(this, "Namespace")
                        .name("waymark.internal")
                        .vpc(props.network().vpc())
                        .description("Waymark tasks, resolved by the API Gateway VPC link")
                        .build();
        this.vpcLinkSecurityGroup =
                SecurityGroup.Builder.create(this, "VpcLinkSecurityGroup")
                        .vpc(props.network().vpc())
                        .description("API Gateway VPC link: may only reach the service port")
                        .allowAllOutbound(false)
                        .build();
        EgressToTasks.restrict(vpcLinkSecurityGroup, props.network().vpc());
        this.vpcLink =
                VpcLink.Builder.create(this, "VpcLink")
                        .vpc(props.network().vpc())
                        .subnets(props.network().serviceSubnets())
                        .securityGroups(List.of(vpcLinkSecurityGroup))
                        .build();
        this.api =
                HttpApi.Builder.create(this, "Api")
                        .description("Waymark API")
                        .createDefaultStage(false)
                        // With a custom domain, the execute-api URL would bypass the domain's
                        // certificate and mapping.
                        .disableExecuteApiEndpoint(props.domain().isPresent())
                        .build();
        LogGroup accessLogs =
                LogGroup.Builder.create(this, "AccessLogs")
                        .retention(props.logRetention())
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build();
        var stage =
                HttpStageOptions.builder()
                        .stageName("$default")
                        .autoDeploy(true)
                        .throttle(ThrottleSettings.builder().rateLimit(100).burstLimit(200).build())
                        .accessLogSettings(
                                new IAccessLogSettings() {
                                    @Override
                                    public LogGroupLogDestination getDestination() {
                                        return new LogGroupLogDestination(accessLogs);
                                    }

                                    @Override
                                    public AccessLogFormat getFormat() {
                                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                                    }
                                });
        this.url =
                props.domain()
                        .map(
                                domain -> {
                                    DomainName domainName =
                                            DomainName.Builder.create(this, "Domain")
                                                    .domainName(domain)
                                                    .certificate(
                                                            Certificate.fromCertificateArn(
                                                                    this,
                                                                    "Certificate",
                                                                    props.certificateArn()
                                                                            .orElseThrow()))
                                                    .build();
                                    stage.domainMapping(
                                            DomainMappingOptions.builder()
                                                    .domainName(domainName)
                                                    .build());
                                    this.dnsTarget =
                                            Optional.of(domainName.getRegionalDomainName());
                                    return "https://" + domain;
                                })
                        .orElseGet(api::getApiEndpoint);
        // Not "Default": CDK hides that id from logical IDs, which would collide with the API's
        // own.
        api.addStage("DefaultStage", stage.build());
        this.authorizer =
                new Authorizer(
                        this,
                        "Authorizer",
                        AuthorizerProps.builder()
                                .asset(props.authorizerJar())
                                .jwksUrl(url + "/.well-known/jwks.json")
                                .issuer(url)
                                .logRetention(props.logRetention())
                                .build());
    }

    /** The namespace the service registers its SRV records in. */
    public INamespace namespace() {
        return namespace;
    }

    @Override
    public Optional<String> dnsTarget() {
        return dnsTarget;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String forwardedHeader() {
        return "forwarded";
    }

    @Override
    public void route(Service service) {
        service.getConnections()
                .allowFrom(vpcLinkSecurityGroup, Port.tcp(Service.PORT), "API Gateway VPC link");
        var integration =
                new HttpServiceDiscoveryIntegration(
                        "Service",
                        service.cloudMapService(),
                        HttpServiceDiscoveryIntegrationProps.builder().vpcLink(vpcLink).build());
        for (PublicRoutes.Route route : PublicRoutes.ALL) {
            for (HttpRoute created :
                    api.addRoutes(
                            AddRoutesOptions.builder()
                                    .path(route.path())
                                    .methods(List.of(route.method()))
                                    .integration(integration)
                                    .build())) {
                Nag.suppress(
                        created,
                        Nag.rule(
                                "APIG4",
                                "Public by the service contract (health, docs, OpenAPI, "
                                        + "JWKS, token, registration, web page): a caller has no token yet on these routes."));
            }
        }
        api.addRoutes(
                AddRoutesOptions.builder()
                        .path(PublicRoutes.PROTECTED_PATH)
                        .methods(List.of(HttpMethod.ANY))
                        .integration(integration)
                        .authorizer(authorizer.httpAuthorizer())
                        .build());
    }

    public HttpApi api() {
        return api;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    @Override
    public Metric requests() {
        return api.metricCount(sum());
    }

    @Override
    public IMetric clientErrors() {
        return api.metricClientError(sum());
    }

    @Override
    public IMetric serverErrors() {
        return api.metricServerError(sum());
    }

    @Override
    public IMetric latency(String percentile) {
        return api.metricLatency(
                MetricOptions.builder().statistic(percentile).period(Duration.minutes(1)).build());
    }

    @Override
    public Optional<Metric> unhealthyTargets() {
        return Optional.empty();
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(Duration.minutes(1)).build();
    }
}
