package io.waymark.infra.data;

import io.waymark.infra.nag.Nag;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.RotationSingleUserOptions;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * RDS PostgreSQL, Multi-AZ and encrypted, with a generated, rotated secret (the task-list app's
 * design).
 */
final class PostgresDatabase extends Construct implements ServiceDatabase {

    private static final String DATABASE_NAME = "waymark";
    // Both log types RDS PostgreSQL can export: server log and major-version upgrade log.
    private static final List<String> LOG_TYPES = List.of("postgresql", "upgrade");

    private final DatabaseInstance instance;
    private final boolean prod;

    PostgresDatabase(Construct scope, String id, DataProps props) {
        super(scope, id);
        this.prod = props.prod();
        String identifier = ExportedLogs.identifier(this);
        this.instance =
                DatabaseInstance.Builder.create(this, "Instance")
                        // Same major version as the embedded server the service tests run against.
                        .engine(
                                DatabaseInstanceEngine.postgres(
                                        PostgresInstanceEngineProps.builder()
                                                .version(PostgresEngineVersion.VER_18)
                                                .build()))
                        .instanceType(
                                InstanceType.of(
                                        InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MICRO))
                        .vpc(props.network().vpc())
                        .vpcSubnets(props.network().serviceSubnets())
                        .multiAz(true)
                        .storageEncrypted(true)
                        .storageType(StorageType.GP3)
                        .allocatedStorage(20)
                        .maxAllocatedStorage(100)
                        .databaseName(DATABASE_NAME)
                        .credentials(Credentials.fromGeneratedSecret("waymark"))
                        .backupRetention(Duration.days(prod ? 14 : 7))
                        .deletionProtection(prod)
                        .removalPolicy(prod ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY)
                        .cloudwatchLogsExports(LOG_TYPES)
                        .cloudwatchLogsRetention(prod ? props.logRetention() : null)
                        .instanceIdentifier(prod ? null : identifier)
                        .autoMinorVersionUpgrade(true)
                        .publiclyAccessible(false)
                        // Lets operators sign in with IAM tokens instead of the rotated password;
                        // the service keeps the secret.
                        .iamAuthentication(true)
                        .build();
        if (!prod) {
            ExportedLogs.create(
                    this,
                    instance,
                    "/aws/rds/instance/" + identifier + "/",
                    LOG_TYPES,
                    props.logRetention());
        }
        // Single-user rotation: the running tasks' pooled connections stay open, and a successful
        // rotation replaces the tasks (RedeployOnRotation). No rotation right after creation: the
        // password is new then.
        instance.addRotationSingleUser(
                RotationSingleUserOptions.builder()
                        .automaticallyAfter(Duration.days(30))
                        .rotateImmediatelyOnUpdate(false)
                        .build());
        Nag.suppress(
                instance,
                Nag.rule(
                        "RDS11",
                        "The default port is not reachable from outside: the security group admits only "
                                + "the service tasks; a custom port adds no protection."));
        if (!prod) {
            Nag.suppress(
                    instance,
                    Nag.rule(
                            "RDS10",
                            "Deletion protection is on in prod; other environments are "
                                    + "meant to be removed by one cdk destroy."));
        }
    }

    // verify-full: pgjdbc checks the server certificate against the Amazon RDS CAs the image ships
    // (and nothing else) and the host name against the endpoint; its default, prefer, encrypts
    // without checking who answers.
    @Override
    public String url() {
        return "postgresql://"
                + instance.getDbInstanceEndpointAddress()
                + ":"
                + instance.getDbInstanceEndpointPort()
                + "/"
                + DATABASE_NAME
                + "?sslmode=verify-full&sslrootcert="
                + RdsCertificates.PEM_BUNDLE;
    }

    @Override
    public void attach(TaskDefinition taskDefinition, List<ContainerDefinition> containers) {
        ServiceDatabase.injectCredentials(instance.getSecret(), containers);
    }

    @Override
    public Optional<ISecret> rotatedSecret() {
        return Optional.of(instance.getSecret());
    }

    @Override
    public void allowFrom(IConnectable service) {
        instance.getConnections()
                .allowDefaultPortFrom(service, "PostgreSQL from the service tasks only");
    }

    @Override
    public List<IWidget> widgets() {
        return List.of(
                ServiceDatabase.graph("DB CPU %", instance.metricCPUUtilization()),
                ServiceDatabase.graph("DB connections", instance.metricDatabaseConnections()),
                ServiceDatabase.graph(
                        "DB free storage (bytes)", instance.metricFreeStorageSpace()));
    }

    @Override
    public List<Alarm> alarms() {
        return List.of(
                Alarm.Builder.create(this, "FreeStorageLow")
                        .alarmDescription(
                                "Less than 2 GiB free on the PostgreSQL volume (autoscaling storage stops at 100 GiB)")
                        .metric(instance.metricFreeStorageSpace())
                        .threshold(2d * 1024 * 1024 * 1024)
                        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                        .evaluationPeriods(3)
                        .build(),
                Alarm.Builder.create(this, "CpuHigh")
                        .alarmDescription("PostgreSQL CPU above 80 % for 15 minutes")
                        .metric(instance.metricCPUUtilization())
                        .threshold(80d)
                        .evaluationPeriods(3)
                        .build());
    }

    @Override
    public String retentionNote() {
        return prod
                ? "The PostgreSQL instance has deletion protection (prod): cdk destroy fails until it is turned off "
                        + "(aws rds modify-db-instance --no-deletion-protection), then keeps a final snapshot"
                : Data.retentionNote(false, "The PostgreSQL instance");
    }
}
