package io.waymark.infra.monitoring;

import io.waymark.infra.nag.Nag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The dashboard (requests, 4xx/5xx, p50/p99 latency, the same per route, CPU and memory, task
 * count, database) and the alarms (5xx rate, p99 latency, both also for the worst route, unhealthy
 * tasks, CPU, memory, database) sent to one SNS topic.
 *
 * <p>The per-route figures are the service's own: it writes {@code LatencyP99} and {@code
 * ServerErrorRate} with the dimension {@code Route} once a minute as embedded metric format log
 * lines (the service's CloudWatchMetrics), and CloudWatch Logs extracts them. The edge only sees
 * the API as a whole.
 */
public final class Monitoring extends Construct {

    /**
     * The service's per-route metrics and their dimension, as its CloudWatchMetrics writes them
     * (tied by a test).
     */
    static final String LATENCY_P99 = "LatencyP99";

    static final String SERVER_ERROR_RATE = "ServerErrorRate";
    static final String ROUTE = "Route";

    private final Topic topic;
    private final Alarm serverErrorRate;
    private final Alarm latencyP99;
    private final Dashboard dashboard;
    private final String envName;

    public Monitoring(Construct scope, String id, MonitoringProps props) {
        super(scope, id);
        this.envName = props.envName();
        this.topic =
                Topic.Builder.create(this, "Alarms")
                        .displayName("Waymark " + props.envName() + " alarms")
                        .enforceSsl(true)
                        .build();
        Nag.suppress(
                topic,
                Nag.rule(
                        "SNS2",
                        "Messages carry only alarm names and metric values, no customer "
                                + "data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a customer key "
                                + "would cost more than the lean stack's task."));
        // A topic policy replaces SNS's default one, and enforceSsl's holds only a deny: without
        // this statement CloudWatch may not publish, and no alarm reaches anyone. The conditions
        // keep other accounts' alarms out (confused deputy).
        topic.addToResourcePolicy(
                PolicyStatement.Builder.create()
                        .sid("CloudWatchAlarmsOfThisAccount")
                        .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                        .actions(List.of("sns:Publish"))
                        .resources(List.of(topic.getTopicArn()))
                        .conditions(
                                Map.of(
                                        "StringEquals",
                                        Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                                        "ArnLike",
                                        Map.of(
                                                "aws:SourceArn",
                                                "arn:"
                                                        + Aws.PARTITION
                                                        + ":cloudwatch:"
                                                        + Aws.REGION
                                                        + ":"
                                                        + Aws.ACCOUNT_ID
                                                        + ":alarm:*")))
                        .build());
        props.alarmEmail().ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));

        var edge = props.edge();
        var fargate = props.service().fargateService();
        IMetric errorRate =
                MathExpression.Builder.create()
                        .expression("IF(requests > 0, 100 * errors / requests, 0)")
                        .usingMetrics(
                                Map.of("requests", edge.requests(), "errors", edge.serverErrors()))
                        .label("5xx %")
                        .period(Duration.minutes(1))
                        .build();
        List<Alarm> alarms = new ArrayList<>();
        this.serverErrorRate =
                alarm(
                        alarms,
                        "ServerErrorRate",
                        "More than 5 % of requests failed with 5xx for 3 minutes",
                        errorRate,
                        5,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        3,
                        TreatMissingData.NOT_BREACHING);
        this.latencyP99 =
                alarm(
                        alarms,
                        "LatencyP99",
                        "p99 latency above 2 s for 3 minutes",
                        edge.latency("p99"),
                        2000,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        3,
                        TreatMissingData.NOT_BREACHING);
        // Metrics Insights takes the worst route of each minute: one alarm covers every route,
        // those added later too.
        alarm(
                alarms,
                "RouteServerErrorRate",
                "A route answered more than 5 % of its requests with 5xx for 3 minutes",
                worstRoute(props.metricsNamespace(), SERVER_ERROR_RATE, "worst route 5xx %"),
                5,
                ComparisonOperator.GREATER_THAN_THRESHOLD,
                3,
                TreatMissingData.NOT_BREACHING);
        alarm(
                alarms,
                "RouteLatencyP99",
                "A route's p99 latency was above 2 s for 3 minutes",
                worstRoute(props.metricsNamespace(), LATENCY_P99, "worst route p99 (ms)"),
                2000,
                ComparisonOperator.GREATER_THAN_THRESHOLD,
                3,
                TreatMissingData.NOT_BREACHING);
        IMetric cpu = fargate.metricCpuUtilization(fiveMinutes("Average"));
        IMetric memory = fargate.metricMemoryUtilization(fiveMinutes("Average"));
        alarm(
                alarms,
                "CpuHigh",
                "Service CPU above 85 % for 15 minutes",
                cpu,
                85,
                ComparisonOperator.GREATER_THAN_THRESHOLD,
                3,
                TreatMissingData.NOT_BREACHING);
        // An alarm, not a scaling policy: the JVM keeps the heap it grew to, so memory says little
        // about load.
        alarm(
                alarms,
                "MemoryHigh",
                "Service memory above " + props.memoryAlarmPercent() + " % for 15 minutes",
                memory,
                props.memoryAlarmPercent(),
                ComparisonOperator.GREATER_THAN_THRESHOLD,
                3,
                TreatMissingData.NOT_BREACHING);
        // The ALB counts unhealthy targets; behind Cloud Map a task that fails its container check
        // is replaced by ECS, so what is left to detect there is "no task reporting at all"
        // (missing data breaches).
        IMetric tasks = runningTasks(props);
        edge.unhealthyTargets()
                .ifPresentOrElse(
                        unhealthy ->
                                alarm(
                                        alarms,
                                        "UnhealthyTargets",
                                        "A task failed the load balancer's /health check for 3 minutes",
                                        unhealthy,
                                        0,
                                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                                        3,
                                        TreatMissingData.NOT_BREACHING),
                        () ->
                                alarm(
                                        alarms,
                                        "NoRunningTask",
                                        "No task reported metrics for 10 minutes",
                                        tasks,
                                        1,
                                        ComparisonOperator.LESS_THAN_THRESHOLD,
                                        2,
                                        TreatMissingData.BREACHING));
        alarms.addAll(props.database().alarms());
        alarms.forEach(alarm -> alarm.addAlarmAction(new SnsAction(topic)));
        alarms.forEach(alarm -> alarm.addOkAction(new SnsAction(topic)));

        this.dashboard =
                Dashboard.Builder.create(this, "Dashboard")
                        .dashboardName("waymark-" + props.envName())
                        .build();
        dashboard.addWidgets(
                graph("Requests", edge.requests()),
                graph("4xx / 5xx", edge.clientErrors(), edge.serverErrors()),
                graph("Latency p50 / p99 (ms)", edge.latency("p50"), edge.latency("p99")));
        dashboard.addWidgets(
                graph("p99 latency by route (ms)", byRoute(props.metricsNamespace(), LATENCY_P99)),
                graph("5xx % by route", byRoute(props.metricsNamespace(), SERVER_ERROR_RATE)));
        dashboard.addWidgets(
                graph("Service CPU %", cpu),
                graph("Service memory %", memory),
                graph("Running tasks", tasks));
        dashboard.addWidgets(props.database().widgets().toArray(IWidget[]::new));
        dashboard.addWidgets(
                alarms.stream()
                        .map(
                                alarm ->
                                        (IWidget)
                                                AlarmWidget.Builder.create()
                                                        .alarm(alarm)
                                                        .title(alarm.getNode().getId())
                                                        .build())
                        .toArray(IWidget[]::new));
    }

    /**
     * Every route's series of the metric, each task's worst minute (several tasks write the same
     * route).
     */
    private static IMetric byRoute(String namespace, String metric) {
        return MathExpression.Builder.create()
                .expression(
                        "SEARCH('{"
                                + namespace
                                + ","
                                + ROUTE
                                + "} MetricName=\""
                                + metric
                                + "\"', 'Maximum', 60)")
                .label("")
                .period(Duration.minutes(1))
                .build();
    }

    private static IMetric worstRoute(String namespace, String metric, String label) {
        return MathExpression.Builder.create()
                .expression(
                        "SELECT MAX("
                                + metric
                                + ") FROM SCHEMA(\""
                                + namespace
                                + "\", "
                                + ROUTE
                                + ")")
                .label(label)
                .period(Duration.minutes(1))
                .build();
    }

    private IMetric runningTasks(MonitoringProps props) {
        var fargate = props.service().fargateService();
        if (props.containerInsights()) {
            return Metric.Builder.create()
                    .namespace("ECS/ContainerInsights")
                    .metricName("RunningTaskCount")
                    .dimensionsMap(
                            Map.of(
                                    "ClusterName",
                                    fargate.getCluster().getClusterName(),
                                    "ServiceName",
                                    fargate.getServiceName()))
                    .statistic("Average")
                    .period(Duration.minutes(5))
                    .build();
        }
        // Each running task reports one CPU sample per minute, so the sample count approximates the
        // task count.
        return fargate.metricCpuUtilization(
                MetricOptions.builder()
                        .statistic("SampleCount")
                        .period(Duration.minutes(5))
                        .label("tasks (CPU samples / 5)")
                        .build());
    }

    private Alarm alarm(
            List<Alarm> alarms,
            String id,
            String description,
            IMetric metric,
            double threshold,
            ComparisonOperator comparison,
            int periods,
            TreatMissingData missing) {
        Alarm alarm =
                Alarm.Builder.create(this, id)
                        // A literal name: the ECS service lists its rollback alarms by name, and a
                        // token name would make the service depend on the alarm resources.
                        .alarmName("waymark-" + envName + "-" + id)
                        .alarmDescription(description)
                        .metric(metric)
                        .threshold(threshold)
                        .comparisonOperator(comparison)
                        .evaluationPeriods(periods)
                        .datapointsToAlarm(periods)
                        .treatMissingData(missing)
                        .build();
        alarms.add(alarm);
        return alarm;
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(8).build();
    }

    private static MetricOptions fiveMinutes(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(Duration.minutes(5)).build();
    }

    /**
     * Names of the alarms that roll a deployment back (a new revision that fails requests or turns
     * slow), as literals: {@code Alarm.getAlarmName()} is a Ref, which would make the service
     * depend on the alarms.
     */
    public List<String> deploymentAlarmNames() {
        return List.of(alarmName(serverErrorRate), alarmName(latencyP99));
    }

    private String alarmName(Alarm alarm) {
        return "waymark-" + envName + "-" + alarm.getNode().getId();
    }

    public Topic topic() {
        return topic;
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
