package io.waymark.infra.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Monthly cost of one synthesized CloudFormation template at a steady request rate. Everything is
 * read from the template's resources (task sizes, counts, instance classes, endpoints), so the
 * estimate follows the code: a resource the stack does not make has no line.
 */
public final class CostEstimate {

    private final TemplateResources resources;
    private final PriceTable prices;
    private final double hours;

    public CostEstimate(Map<String, Object> template, PriceTable prices) {
        this.resources = new TemplateResources(template);
        this.prices = prices;
        this.hours = prices.hoursPerMonth();
    }

    /** The lines at {@code requestsPerSecond} (0 = idle). */
    public List<CostLine> lines(double requestsPerSecond) {
        double requests = requestsPerSecond * hours * 3600;
        List<CostLine> lines = new ArrayList<>();
        fargate(lines);
        publicIpv4(lines);
        natGateways(lines);
        loadBalancers(lines, requestsPerSecond);
        interfaceEndpoints(lines);
        postgres(lines);
        documentDb(lines, requests);
        efs(lines);
        httpApi(lines, requests);
        cloudMap(lines);
        operations(lines, requests);
        serviceMetrics(lines);
        traces(lines, requests);
        return lines;
    }

    /** Sum of the lines at {@code requestsPerSecond}. */
    public double total(double requestsPerSecond) {
        return lines(requestsPerSecond).stream().mapToDouble(CostLine::monthly).sum();
    }

    private void fargate(List<CostLine> lines) {
        for (var service : resources.ofType("AWS::ECS::Service")) {
            var task = resources.referenced(service, "TaskDefinition");
            double vcpu = resources.number(task, "Cpu") / 1024;
            double gb = resources.number(task, "Memory") / 1024;
            String arch =
                    String.valueOf(resources.path(task, "RuntimePlatform", "CpuArchitecture"))
                                    .equalsIgnoreCase("ARM64")
                            ? "arm64"
                            : "x86_64";
            int tasks =
                    resources.ofType("AWS::ApplicationAutoScaling::ScalableTarget").stream()
                            .map(target -> (int) resources.number(target, "MinCapacity"))
                            .findFirst()
                            .orElse((int) resources.number(service, "DesiredCount"));
            double perTaskHour =
                    vcpu * prices.get("fargate." + arch + ".vcpu-hour")
                            + gb * prices.get("fargate." + arch + ".gb-hour");
            lines.add(
                    new CostLine(
                            "Fargate " + arch + " tasks",
                            String.format(
                                    Locale.ROOT,
                                    "%d × (%.2f vCPU + %.1f GB) × %.0f h",
                                    tasks,
                                    vcpu,
                                    gb,
                                    hours),
                            tasks * perTaskHour * hours));
        }
    }

    private void publicIpv4(List<CostLine> lines) {
        long taskIps =
                resources.ofType("AWS::ECS::Service").stream()
                        .filter(
                                service ->
                                        "ENABLED"
                                                .equals(
                                                        resources.path(
                                                                service,
                                                                "NetworkConfiguration",
                                                                "AwsvpcConfiguration",
                                                                "AssignPublicIp")))
                        .mapToLong(service -> (long) resources.number(service, "DesiredCount"))
                        .sum();
        long albIps =
                resources.ofType("AWS::ElasticLoadBalancingV2::LoadBalancer").stream()
                        .mapToLong(alb -> resources.list(alb, "Subnets").size())
                        .sum();
        long ips = taskIps + albIps;
        if (ips > 0) {
            lines.add(
                    new CostLine(
                            "Public IPv4 addresses",
                            ips + " × " + hours + " h",
                            ips * prices.get("public-ipv4.hour") * hours));
        }
    }

    private void natGateways(List<CostLine> lines) {
        int nats = resources.ofType("AWS::EC2::NatGateway").size();
        if (nats > 0) {
            lines.add(
                    new CostLine(
                            "NAT gateways",
                            nats + " × " + hours + " h (+ data)",
                            nats * prices.get("nat.hour") * hours));
        }
    }

    // One LCU covers 25 new connections/s; at these rates that dimension dominates (each request
    // may be a new one).
    private void loadBalancers(List<CostLine> lines, double requestsPerSecond) {
        int albs = resources.ofType("AWS::ElasticLoadBalancingV2::LoadBalancer").size();
        if (albs > 0) {
            double lcu = requestsPerSecond / 25;
            lines.add(
                    new CostLine(
                            "Application Load Balancer",
                            albs + " × " + hours + " h + " + lcu + " LCU",
                            albs
                                    * (prices.get("alb.hour") + lcu * prices.get("alb.lcu-hour"))
                                    * hours));
        }
    }

    private void interfaceEndpoints(List<CostLine> lines) {
        long endpointAzs =
                resources.ofType("AWS::EC2::VPCEndpoint").stream()
                        .filter(
                                endpoint ->
                                        "Interface"
                                                .equals(
                                                        resources.path(
                                                                endpoint, "VpcEndpointType")))
                        .mapToLong(endpoint -> resources.list(endpoint, "SubnetIds").size())
                        .sum();
        if (endpointAzs > 0) {
            lines.add(
                    new CostLine(
                            "VPC interface endpoints",
                            endpointAzs + " endpoint-AZs × " + hours + " h",
                            endpointAzs * prices.get("vpc-endpoint.interface.az-hour") * hours));
        }
    }

    private void postgres(List<CostLine> lines) {
        for (var db : resources.ofType("AWS::RDS::DBInstance")) {
            String instanceClass = String.valueOf(resources.path(db, "DBInstanceClass"));
            boolean multiAz = Boolean.TRUE.equals(resources.path(db, "MultiAZ"));
            int copies = multiAz ? 2 : 1;
            double storage = resources.number(db, "AllocatedStorage");
            lines.add(
                    new CostLine(
                            "RDS PostgreSQL " + instanceClass + (multiAz ? " Multi-AZ" : ""),
                            copies + " × " + hours + " h",
                            copies * prices.get("rds." + instanceClass + ".hour") * hours));
            lines.add(
                    new CostLine(
                            "RDS gp3 storage",
                            copies + " × " + storage + " GB",
                            copies * storage * prices.get("rds.gp3.gb-month")));
        }
    }

    private void documentDb(List<CostLine> lines, double requests) {
        var instances = resources.ofType("AWS::DocDB::DBInstance");
        if (instances.isEmpty()) {
            return;
        }
        String instanceClass =
                String.valueOf(resources.path(instances.getFirst(), "DBInstanceClass"));
        lines.add(
                new CostLine(
                        "DocumentDB " + instanceClass,
                        instances.size() + " × " + hours + " h",
                        instances.size() * prices.get("docdb." + instanceClass + ".hour") * hours));
        double gb = prices.get("assume.docdb-gb");
        double io = requests * prices.get("assume.docdb-io-per-request") / 1_000_000;
        lines.add(
                new CostLine(
                        "DocumentDB storage and I/O",
                        gb + " GB + " + Math.round(io) + " M I/O",
                        gb * prices.get("docdb.storage.gb-month")
                                + io * prices.get("docdb.io.million")));
    }

    private void efs(List<CostLine> lines) {
        if (!resources.ofType("AWS::EFS::FileSystem").isEmpty()) {
            double gb = prices.get("assume.efs-gb");
            lines.add(
                    new CostLine(
                            "EFS storage + backup",
                            gb + " GB",
                            gb
                                    * (prices.get("efs.standard.gb-month")
                                            + prices.get("backup.efs.gb-month"))));
        }
    }

    private void httpApi(List<CostLine> lines, double requests) {
        if (resources.ofType("AWS::ApiGatewayV2::Api").isEmpty()) {
            return;
        }
        double millions = requests / 1_000_000;
        lines.add(
                new CostLine(
                        "API Gateway HTTP API",
                        String.format(Locale.ROOT, "%.1f M requests", millions),
                        millions * prices.get("apigateway.http.million-requests")));
        for (var function : resources.ofType("AWS::Lambda::Function")) {
            if (!String.valueOf(resources.path(function, "Handler"))
                    .startsWith("io.waymark.authorizer")) {
                continue;
            }
            double invocations = requests * (1 - prices.get("assume.authorizer-cache-hit-ratio"));
            double gbSeconds =
                    invocations
                            * prices.get("assume.authorizer-duration-ms")
                            / 1000
                            * resources.number(function, "MemorySize")
                            / 1024;
            lines.add(
                    new CostLine(
                            "Lambda authorizer",
                            String.format(
                                    Locale.ROOT, "%.1f M invocations", invocations / 1_000_000),
                            invocations / 1_000_000 * prices.get("lambda.million-requests")
                                    + gbSeconds * prices.get("lambda.arm64.gb-second")));
        }
    }

    private void cloudMap(List<CostLine> lines) {
        int namespaces = resources.ofType("AWS::ServiceDiscovery::PrivateDnsNamespace").size();
        if (namespaces > 0) {
            long instances =
                    resources.ofType("AWS::ECS::Service").stream()
                            .mapToLong(service -> (long) resources.number(service, "DesiredCount"))
                            .sum();
            lines.add(
                    new CostLine(
                            "Cloud Map namespace + instances",
                            namespaces + " zone, " + instances + " instances",
                            namespaces * prices.get("cloudmap.namespace-month")
                                    + instances * prices.get("cloudmap.instance-month")));
        }
    }

    /**
     * The service's per-route metrics (EMF, when the task sets WAYMARK_CLOUDWATCH_NAMESPACE): two
     * per route, paid only for the hours a route has traffic; and the Metrics Insights alarms on
     * them, paid per metric they read.
     */
    private void serviceMetrics(List<CostLine> lines) {
        if (serveEnvironment("WAYMARK_CLOUDWATCH_NAMESPACE") == null) {
            return;
        }
        double routes = prices.get("assume.emf-active-routes");
        lines.add(
                new CostLine(
                        "CloudWatch custom metrics (per route, from the service's EMF log lines)",
                        String.format(Locale.ROOT, "%.0f routes × 2 metrics", routes),
                        routes * 2 * prices.get("cloudwatch.metric-month")));
        long insights =
                resources.ofType("AWS::CloudWatch::Alarm").stream()
                        .filter(this::isInsights)
                        .count();
        if (insights > 0) {
            lines.add(
                    new CostLine(
                            "CloudWatch Metrics Insights alarms (worst route)",
                            String.format(
                                    Locale.ROOT, "%d alarms × %.0f metrics read", insights, routes),
                            insights * routes * prices.get("cloudwatch.alarm-month")));
        }
    }

    /**
     * tracing=xray: the spans the collector sends to X-Ray (the sampled share of requests; free
     * tier ignored).
     */
    private void traces(List<CostLine> lines, double requests) {
        String sampling = serveEnvironment("OTEL_TRACES_SAMPLER_ARG");
        if (sampling == null) {
            return;
        }
        double traces = requests * Double.parseDouble(sampling);
        lines.add(
                new CostLine(
                        "X-Ray traces (ADOT collector sidecar, in the task's memory)",
                        String.format(
                                Locale.ROOT,
                                "%.2f M traces recorded (%s of requests)",
                                traces / 1_000_000,
                                sampling),
                        traces / 1_000_000 * prices.get("xray.million-traces-recorded")));
    }

    /** A variable of the serve container, or null: the first task definition that sets it. */
    @SuppressWarnings("unchecked")
    private String serveEnvironment(String name) {
        for (var task : resources.ofType("AWS::ECS::TaskDefinition")) {
            for (Object container : resources.list(task, "ContainerDefinitions")) {
                for (Object variable :
                        (List<Object>)
                                ((Map<String, Object>) container)
                                        .getOrDefault("Environment", List.of())) {
                    Map<String, Object> pair = (Map<String, Object>) variable;
                    if (name.equals(pair.get("Name"))
                            && pair.get("Value") instanceof String value) {
                        return value;
                    }
                }
            }
        }
        return null;
    }

    private boolean isInsights(Map<String, Object> alarm) {
        return resources.list(alarm, "Metrics").stream()
                .anyMatch(
                        metric ->
                                String.valueOf(((Map<?, ?>) metric).get("Expression"))
                                        .startsWith("SELECT"));
    }

    private void operations(List<CostLine> lines, double requests) {
        int secrets = resources.ofType("AWS::SecretsManager::Secret").size();
        if (secrets > 0) {
            lines.add(
                    new CostLine(
                            "Secrets Manager",
                            secrets + " secrets",
                            secrets * prices.get("secretsmanager.secret-month")));
        }
        int alarms =
                (int)
                        resources.ofType("AWS::CloudWatch::Alarm").stream()
                                .filter(alarm -> !isInsights(alarm))
                                .count();
        int dashboards = resources.ofType("AWS::CloudWatch::Dashboard").size();
        lines.add(
                new CostLine(
                        "CloudWatch alarms + dashboards",
                        alarms + " alarms, " + dashboards + " dashboards",
                        alarms * prices.get("cloudwatch.alarm-month")
                                + dashboards * prices.get("cloudwatch.dashboard-month")));
        boolean insights =
                resources.ofType("AWS::ECS::Cluster").stream()
                        .anyMatch(
                                cluster ->
                                        String.valueOf(resources.path(cluster, "ClusterSettings"))
                                                .contains("enabled"));
        if (insights) {
            double metrics = prices.get("assume.container-insights-metrics");
            lines.add(
                    new CostLine(
                            "Container Insights metrics",
                            metrics + " metrics",
                            metrics * prices.get("cloudwatch.metric-month")));
        }
        double gb =
                prices.get("assume.idle-log-gb-month")
                        + requests * prices.get("assume.log-bytes-per-request") / 1e9;
        lines.add(
                new CostLine(
                        "CloudWatch Logs ingestion",
                        String.format(Locale.ROOT, "%.1f GB", gb),
                        gb * prices.get("logs.ingest.gb")));
    }
}
