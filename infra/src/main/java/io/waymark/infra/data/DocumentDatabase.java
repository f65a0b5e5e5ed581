package io.waymark.infra.data;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.waymark.infra.nag.Nag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.docdb.BackupProps;
import software.amazon.awscdk.services.docdb.ClusterParameterGroup;
import software.amazon.awscdk.services.docdb.DatabaseCluster;
import software.amazon.awscdk.services.docdb.Login;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.SecretRotation;
import software.amazon.awscdk.services.secretsmanager.SecretRotationApplication;
import software.constructs.Construct;

/**
 * Amazon DocumentDB for {@code database=mongodb}: two instances across the AZs, TLS required (the
 * cluster parameter group default), encrypted, with a generated, rotated secret — the users API ran
 * MongoDB with neither persistence nor authentication.
 */
final class DocumentDatabase extends Construct implements ServiceDatabase {

    private final DatabaseCluster cluster;
    private final boolean prod;

    DocumentDatabase(Construct scope, String id, DataProps props) {
        super(scope, id);
        this.prod = props.prod();
        String identifier = ExportedLogs.identifier(this);
        this.cluster =
                DatabaseCluster.Builder.create(this, "Cluster")
                        .masterUser(Login.builder().username("waymark").build())
                        .engineVersion("5.0.0")
                        .instanceType(
                                InstanceType.of(
                                        InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MEDIUM))
                        .instances(2)
                        .vpc(props.network().vpc())
                        .vpcSubnets(props.network().serviceSubnets())
                        .storageEncrypted(true)
                        .backup(
                                BackupProps.builder()
                                        .retention(Duration.days(prod ? 14 : 7))
                                        .build())
                        .deletionProtection(prod)
                        .removalPolicy(prod ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY)
                        .parameterGroup(
                                ClusterParameterGroup.Builder.create(this, "Parameters")
                                        .family("docdb5.0")
                                        .description("Waymark: TLS required, audit log on")
                                        .parameters(
                                                Map.of("tls", "enabled", "audit_logs", "enabled"))
                                        .build())
                        .exportAuditLogsToCloudWatch(true)
                        .exportProfilerLogsToCloudWatch(true)
                        .cloudWatchLogsRetention(prod ? props.logRetention() : null)
                        .dbClusterName(prod ? null : identifier)
                        .build();
        if (!prod) {
            ExportedLogs.create(
                    this,
                    cluster,
                    "/aws/docdb/" + identifier + "/",
                    List.of("audit", "profiler"),
                    props.logRetention());
        }
        // As for PostgreSQL: single-user rotation, the tasks replaced after each success, none
        // right after creation.
        SecretRotation.Builder.create(this, "Rotation")
                .application(SecretRotationApplication.MONGODB_ROTATION_SINGLE_USER)
                .secret(cluster.getSecret())
                .target(cluster)
                .vpc(props.network().vpc())
                .vpcSubnets(props.network().serviceSubnets())
                // The characters DocumentDB refuses in passwords (the same the cluster's generated
                // secret excludes).
                .excludeCharacters("\"@/")
                .automaticallyAfter(Duration.days(30))
                .rotateImmediatelyOnUpdate(false)
                .build();
        Nag.suppress(
                cluster,
                Nag.rule(
                        "DOC5",
                        "DocumentDB exports only the 'audit' and 'profiler' log types, and "
                                + "both are exported; authenticate, createIndex and dropCollection are events inside the audit log, "
                                + "which the parameter group turns on. The rule expects them as export names, which AWS rejects."));
        Nag.suppress(
                cluster,
                NagPackSuppression.builder()
                        .id("CdkNagValidationFailure")
                        .appliesTo(List.of("AwsSolutions-DOC3"))
                        .reason(
                                "DOC3 cannot evaluate the master password, a Secrets Manager dynamic reference to the secret "
                                        + "CDK generates (Login without a password); no credential is in the template.")
                        .build());
        Nag.suppress(
                cluster,
                Nag.rule(
                        "DOC2",
                        "The default port is not reachable from outside: the security group "
                                + "admits only the service tasks; a custom port adds no protection."));
    }

    // retryWrites=false: DocumentDB does not support retryable writes; the replica set is always
    // named rs0. tls=true verifies the server against the JVM trust store, into which the image
    // imports the Amazon RDS CAs (DocumentDB uses the same ones). readPreference=primary: a caller
    // reads its own writes; a replica's lag turned register-then-sign-in into a 401 (the service
    // reads from the primary whatever the URL says, this keeps the URL from suggesting otherwise).
    @Override
    public String url() {
        return "mongodb://"
                + cluster.getClusterEndpoint().getHostname()
                + ":"
                + cluster.getClusterEndpoint().portAsString()
                + "/waymark?tls=true&replicaSet=rs0&readPreference=primary&retryWrites=false";
    }

    @Override
    public void attach(TaskDefinition taskDefinition, List<ContainerDefinition> containers) {
        ServiceDatabase.injectCredentials(cluster.getSecret(), containers);
    }

    @Override
    public Optional<ISecret> rotatedSecret() {
        return Optional.of(cluster.getSecret());
    }

    @Override
    public void allowFrom(IConnectable service) {
        cluster.getConnections()
                .allowDefaultPortFrom(service, "DocumentDB from the service tasks only");
    }

    @Override
    public List<IWidget> widgets() {
        return List.of(
                ServiceDatabase.graph("DB CPU %", metric("CPUUtilization", "Average")),
                ServiceDatabase.graph("DB connections", metric("DatabaseConnections", "Sum")),
                ServiceDatabase.graph(
                        "DB volume bytes used", metric("VolumeBytesUsed", "Maximum")));
    }

    // DocumentDB storage grows on its own; what runs out on t4g instances is CPU credits and
    // memory.
    @Override
    public List<Alarm> alarms() {
        return List.of(
                Alarm.Builder.create(this, "CpuHigh")
                        .alarmDescription("DocumentDB CPU above 80 % for 15 minutes")
                        .metric(metric("CPUUtilization", "Average"))
                        .threshold(80d)
                        .evaluationPeriods(3)
                        .build());
    }

    @Override
    public String retentionNote() {
        return prod
                ? "The DocumentDB cluster has deletion protection (prod): cdk destroy fails until it is turned off "
                        + "(aws docdb modify-db-cluster --no-deletion-protection), then keeps a final snapshot"
                : Data.retentionNote(false, "The DocumentDB cluster");
    }

    private Metric metric(String name, String statistic) {
        return Metric.Builder.create()
                .namespace("AWS/DocDB")
                .metricName(name)
                .dimensionsMap(Map.of("DBClusterIdentifier", cluster.getClusterIdentifier()))
                .statistic(statistic)
                .period(Duration.minutes(5))
                .build();
    }
}
