package io.waymark.infra.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ecs.AuthorizationConfig;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.EfsVolumeConfiguration;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.efs.AccessPoint;
import software.amazon.awscdk.services.efs.AccessPointOptions;
import software.amazon.awscdk.services.efs.Acl;
import software.amazon.awscdk.services.efs.FileSystem;
import software.amazon.awscdk.services.efs.PerformanceMode;
import software.amazon.awscdk.services.efs.PosixUser;
import software.amazon.awscdk.services.efs.ThroughputMode;
import software.constructs.Construct;
import software.constructs.IDependable;

/**
 * SQLite on an encrypted EFS access point, so the data outlives the task (the GPS tracker lost it
 * on every deploy). SQLite has one writer: lean runs one task, and during a deployment, when the
 * new task starts before the old one has stopped, the service's exclusive lock on {@code
 * waymark.db.lock} keeps the new task from opening the database until the old one has released it
 * on shutdown.
 */
final class SqliteOnEfs extends Construct implements ServiceDatabase {

    /** Where the access point is mounted in the containers. */
    static final String MOUNT_PATH = "/data";

    // The image's non-root user (Dockerfile: uid/gid 10001); the access point enforces it for every
    // file.
    private static final String UID = "10001";
    private static final String VOLUME = "data";

    private final FileSystem fileSystem;
    private final AccessPoint accessPoint;
    private final boolean prod;

    SqliteOnEfs(Construct scope, String id, DataProps props) {
        super(scope, id);
        this.prod = props.prod();
        this.fileSystem =
                FileSystem.Builder.create(this, "FileSystem")
                        .vpc(props.network().vpc())
                        .vpcSubnets(props.network().serviceSubnets())
                        .encrypted(true)
                        .performanceMode(PerformanceMode.GENERAL_PURPOSE)
                        .throughputMode(ThroughputMode.BURSTING)
                        .enableAutomaticBackups(prod)
                        .removalPolicy(prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                        .build();
        if (!prod) {
            // AWS Backup's recovery points outlive the file system and are billed until they expire
            // (35 days): outside prod cdk destroy must leave none. Said explicitly, as CDK omits
            // the property when false, which would leave on the backups of a file system deployed
            // before.
            ((CfnResource) fileSystem.getNode().getDefaultChild())
                    .addPropertyOverride("BackupPolicy.Status", "DISABLED");
        }
        this.accessPoint =
                fileSystem.addAccessPoint(
                        "Data",
                        AccessPointOptions.builder()
                                .path("/waymark")
                                .createAcl(
                                        Acl.builder()
                                                .ownerUid(UID)
                                                .ownerGid(UID)
                                                .permissions("750")
                                                .build())
                                .posixUser(PosixUser.builder().uid(UID).gid(UID).build())
                                .build());
    }

    // journal_mode=delete: WAL needs a shared-memory index that NFS cannot provide, the rollback
    // journal only needs the POSIX locks EFS supports. In this mode the service also takes the
    // single-writer lock and uses synchronous=FULL, so an acknowledged write survives a power loss.
    @Override
    public String url() {
        return "sqlite:" + MOUNT_PATH + "/waymark.db?journal_mode=delete";
    }

    @Override
    public void attach(TaskDefinition taskDefinition, List<ContainerDefinition> containers) {
        taskDefinition.addVolume(
                Volume.builder()
                        .name(VOLUME)
                        .efsVolumeConfiguration(
                                EfsVolumeConfiguration.builder()
                                        .fileSystemId(fileSystem.getFileSystemId())
                                        .transitEncryption("ENABLED")
                                        .authorizationConfig(
                                                AuthorizationConfig.builder()
                                                        .accessPointId(
                                                                accessPoint.getAccessPointId())
                                                        .iam("ENABLED")
                                                        .build())
                                        .build())
                        .build());
        containers.forEach(
                container ->
                        container.addMountPoints(
                                MountPoint.builder()
                                        .containerPath(MOUNT_PATH)
                                        .sourceVolume(VOLUME)
                                        .readOnly(false)
                                        .build()));
        fileSystem.grantReadWrite(taskDefinition.getTaskRole());
    }

    @Override
    public boolean migratesInInitContainer() {
        return false;
    }

    // Without it CloudFormation may start the task before the mount target exists, and the EFS
    // mount fails.
    @Override
    public List<IDependable> readyBeforeTasks() {
        return List.of(fileSystem.getMountTargetsAvailable());
    }

    @Override
    public void allowFrom(IConnectable service) {
        fileSystem
                .getConnections()
                .allowDefaultPortFrom(service, "NFS from the service tasks only");
    }

    @Override
    public List<IWidget> widgets() {
        return List.of(
                ServiceDatabase.graph(
                        "EFS client connections", efsMetric("ClientConnections", "Sum")),
                ServiceDatabase.graph(
                        "EFS storage bytes",
                        efsMetric("StorageBytes", "Average", Map.of("StorageClass", "Total"))),
                ServiceDatabase.graph(
                        "EFS burst credit balance", efsMetric("BurstCreditBalance", "Minimum")));
    }

    // EFS grows on demand, so the storage alarm watches what can run out on bursting throughput:
    // I/O credits.
    @Override
    public List<Alarm> alarms() {
        return List.of(
                Alarm.Builder.create(this, "BurstCreditsLow")
                        .alarmDescription(
                                "EFS burst credits nearly exhausted: SQLite I/O will be throttled")
                        .metric(efsMetric("BurstCreditBalance", "Minimum"))
                        .threshold(1_000_000_000d)
                        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                        .evaluationPeriods(3)
                        .build());
    }

    @Override
    public String retentionNote() {
        return Data.retentionNote(prod, "The EFS file system holding the SQLite database");
    }

    private Metric efsMetric(String name, String statistic) {
        return efsMetric(name, statistic, Map.of());
    }

    // StorageBytes exists only per storage class (Total, Standard, IA, …): without that dimension
    // the graph has no data.
    private Metric efsMetric(String name, String statistic, Map<String, String> dimensions) {
        Map<String, String> all = new HashMap<>(dimensions);
        all.put("FileSystemId", fileSystem.getFileSystemId());
        return Metric.Builder.create()
                .namespace("AWS/EFS")
                .metricName(name)
                .dimensionsMap(all)
                .statistic(statistic)
                .period(Duration.minutes(5))
                .build();
    }
}
