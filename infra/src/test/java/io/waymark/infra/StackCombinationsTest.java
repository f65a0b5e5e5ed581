package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.infra.config.DatabaseKind;
import io.waymark.infra.config.Ingress;
import io.waymark.infra.edge.PublicRoutes;
import io.waymark.infra.service.ContainerHealthCheck;
import io.waymark.infra.service.Service;
import io.waymark.repository.RepositoryFiles;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;

/** The resources that define each allowed profile × ingress × database combination. */
class StackCombinationsTest {

    static Stream<Combination> all() {
        return Combination.ALLOWED.stream();
    }

    static Stream<Combination> lean() {
        return all().filter(Combination::lean);
    }

    static Stream<Combination> standard() {
        return all().filter(c -> !c.lean());
    }

    static Stream<Combination> apiGateway() {
        return all().filter(c -> c.ingress() == Ingress.APIGATEWAY);
    }

    static Stream<Combination> alb() {
        return all().filter(c -> c.ingress() == Ingress.ALB);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lean")
    void leanHasOneTaskNoNatNoLoadBalancer(Combination combination) {
        var template = Synthesized.of(combination).template();
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
        template.resourceCountIs("AWS::EC2::Subnet", 1);
        template.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 0);
        template.hasResourceProperties(
                "AWS::ECS::Service",
                Match.objectLike(
                        Map.of(
                                "DesiredCount",
                                1,
                                "NetworkConfiguration",
                                Map.of(
                                        "AwsvpcConfiguration",
                                        Match.objectLike(Map.of("AssignPublicIp", "ENABLED"))))));
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(
                        Map.of(
                                "Cpu",
                                "256",
                                "Memory",
                                "512",
                                "RuntimePlatform",
                                Map.of(
                                        "CpuArchitecture",
                                        "ARM64",
                                        "OperatingSystemFamily",
                                        "LINUX"))));
    }

    /**
     * Item 6: stopping the old task first left no task; the new one must start and pass its check
     * first.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void everyDeploymentStartsTheNewTaskBeforeStoppingTheOld(Combination combination) {
        Synthesized.of(combination)
                .template()
                .hasResourceProperties(
                        "AWS::ECS::Service",
                        Match.objectLike(
                                Map.of(
                                        "DeploymentConfiguration",
                                        Match.objectLike(
                                                Map.of(
                                                        "MinimumHealthyPercent",
                                                        100,
                                                        "MaximumPercent",
                                                        200)))));
    }

    /**
     * Items 9 and 10: no second writer on SQLite (serve migrates under its lock), and EFS is
     * mountable first.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lean")
    void leanServeMigratesItselfAndTheServiceWaitsForTheMountTarget(Combination combination) {
        var synthesized = Synthesized.of(combination);
        assertThat(Containers.ofImage(synthesized))
                .extracting(c -> c.get("Name"))
                .containsExactly("serve");
        var mountTargets = synthesized.resources("AWS::EFS::MountTarget").keySet();
        assertThat(mountTargets).isNotEmpty();
        var service = synthesized.resources("AWS::ECS::Service").values().iterator().next();
        assertThat(String.valueOf(service.get("DependsOn"))).contains(mountTargets);
    }

    /**
     * The JIT setting below one vCPU is the one bench/run --lean measured:
     * scripts/container/lean.env.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lean")
    void aTaskBelowOneVcpuRunsTheJvmAsTheLeanBenchmarkDoes(Combination combination)
            throws Exception {
        Map<String, String> leanEnvironment = new HashMap<>();
        for (String line :
                Files.readAllLines(RepositoryFiles.root().resolve("scripts/container/lean.env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                leanEnvironment.put(
                        line.substring(0, line.indexOf('=')),
                        line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(leanEnvironment).isEqualTo(Service.BELOW_ONE_CPU);
        var serviceContainers =
                Containers.of(Synthesized.of(combination)).stream()
                        .filter(
                                container ->
                                        List.of(Service.SERVE, Service.MIGRATE)
                                                .contains(container.get("Name")))
                        .toList();
        assertThat(serviceContainers).isNotEmpty();
        for (var container : serviceContainers) {
            assertThat(Containers.environment(container)).containsAllEntriesOf(leanEnvironment);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lean")
    void leanKeepsSqliteOnAnEncryptedEfsAccessPointInRollbackJournalMode(Combination combination) {
        var synthesized = Synthesized.of(combination);
        synthesized
                .template()
                .hasResourceProperties(
                        "AWS::EFS::FileSystem", Match.objectLike(Map.of("Encrypted", true)));
        synthesized
                .template()
                .hasResourceProperties(
                        "AWS::EFS::AccessPoint",
                        Match.objectLike(
                                Map.of("PosixUser", Map.of("Uid", "10001", "Gid", "10001"))));
        for (var container : Containers.ofImage(synthesized)) {
            assertThat(Containers.environment(container))
                    .containsEntry("DATABASE_URL", "sqlite:/data/waymark.db?journal_mode=delete");
            assertThat(String.valueOf(container.get("MountPoints")))
                    .contains("ContainerPath=/data");
        }
        var volumes = String.valueOf(Containers.taskDefinition(synthesized).get("Volumes"));
        assertThat(volumes).contains("TransitEncryption=ENABLED", "IAM=ENABLED", "AccessPointId");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standard")
    void standardSpansTwoAzsWithPrivateSubnetsEndpointsAndAutoscaling(Combination combination) {
        var template = Synthesized.of(combination).template();
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        var privateSubnets =
                template.findResources(
                        "AWS::EC2::Subnet",
                        Map.of("Properties", Map.of("MapPublicIpOnLaunch", false)));
        assertThat(privateSubnets).hasSizeGreaterThanOrEqualTo(2);
        var interfaceEndpoints =
                template.findResources(
                        "AWS::EC2::VPCEndpoint",
                        Map.of("Properties", Map.of("VpcEndpointType", "Interface")));
        assertThat(interfaceEndpoints.values())
                .extracting(r -> String.valueOf(r.get("Properties")))
                .anyMatch(p -> p.contains("ecr.api"))
                .anyMatch(p -> p.contains("ecr.dkr"))
                .anyMatch(p -> p.contains(".logs"))
                .anyMatch(p -> p.contains("secretsmanager"));
        template.resourceCountIs("AWS::EC2::VPCEndpoint", interfaceEndpoints.size() + 1);
        template.hasResourceProperties(
                "AWS::ECS::Service",
                Match.objectLike(
                        Map.of(
                                "DesiredCount",
                                2,
                                "NetworkConfiguration",
                                Map.of(
                                        "AwsvpcConfiguration",
                                        Match.objectLike(Map.of("AssignPublicIp", "DISABLED"))))));
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(Map.of("MinCapacity", 2, "MaxCapacity", 4)));
        List<String> metrics =
                template
                        .findResources("AWS::ApplicationAutoScaling::ScalingPolicy")
                        .values()
                        .stream()
                        .map(policy -> String.valueOf(policy.get("Properties")))
                        .toList();
        // Item 11: memory follows the JVM heap and would never scale in; it is an alarm only.
        assertThat(metrics)
                .anyMatch(
                        p ->
                                p.contains("ECSServiceAverageCPUUtilization")
                                        && p.contains("TargetValue=60"))
                .noneMatch(p -> p.contains("ECSServiceAverageMemoryUtilization"));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of("MetricName", "MemoryUtilization", "Threshold", 90)));
        if (combination.ingress() == Ingress.ALB) {
            assertThat(metrics).anyMatch(p -> p.contains("ALBRequestCountPerTarget"));
        } else {
            assertThat(metrics).noneMatch(p -> p.contains("ALBRequestCountPerTarget"));
        }
    }

    /** Item 12: task size, task counts and thresholds come from context keys, not from the code. */
    @Test
    void theSizingKeysReachTheTemplate() {
        Map<String, Object> context = new HashMap<>(Combination.ALLOWED.get(1).context());
        context.putAll(
                Map.of(
                        "taskCpu",
                        "1024",
                        "taskMemory",
                        "3072",
                        "minTasks",
                        "3",
                        "maxTasks",
                        "9",
                        "cpuThreshold",
                        "45",
                        "memoryThreshold",
                        "80"));
        var template = Synthesized.of("sizing-keys", context, "Waymark-dev").template();
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(Map.of("Cpu", "1024", "Memory", "3072")));
        template.hasResourceProperties(
                "AWS::ECS::Service", Match.objectLike(Map.of("DesiredCount", 3)));
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(Map.of("MinCapacity", 3, "MaxCapacity", 9)));
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                Match.objectLike(
                        Map.of(
                                "TargetTrackingScalingPolicyConfiguration",
                                Match.objectLike(Map.of("TargetValue", 45)))));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of("MetricName", "MemoryUtilization", "Threshold", 80)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standard")
    void standardDatabaseIsHighlyAvailableEncryptedAndProtectedInProd(Combination combination) {
        var template = Synthesized.of(combination).template();
        if (combination.database() == DatabaseKind.POSTGRES) {
            template.hasResourceProperties(
                    "AWS::RDS::DBInstance",
                    Match.objectLike(
                            Map.of(
                                    "Engine",
                                    "postgres",
                                    "MultiAZ",
                                    true,
                                    "StorageEncrypted",
                                    true,
                                    "DeletionProtection",
                                    combination.prod(),
                                    "BackupRetentionPeriod",
                                    combination.prod() ? 14 : 7)));
        } else {
            template.hasResourceProperties(
                    "AWS::DocDB::DBCluster",
                    Match.objectLike(
                            Map.of(
                                    "StorageEncrypted",
                                    true,
                                    "DeletionProtection",
                                    combination.prod())));
            template.resourceCountIs("AWS::DocDB::DBInstance", 2);
            template.hasResourceProperties(
                    "AWS::DocDB::DBClusterParameterGroup",
                    Match.objectLike(
                            Map.of(
                                    "Parameters",
                                    Map.of("tls", "enabled", "audit_logs", "enabled"))));
        }
        template.hasResourceProperties("AWS::SecretsManager::RotationSchedule", Match.anyValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standard")
    void credentialsReachTheContainersOnlyAsEcsSecrets(Combination combination) {
        var synthesized = Synthesized.of(combination);
        for (var container : Containers.ofImage(synthesized)) {
            var environment = Containers.environment(container);
            assertThat(environment).doesNotContainKeys("DATABASE_USER", "DATABASE_PASSWORD");
            // Fn::Join of the scheme and the endpoint attributes
            assertThat(String.valueOf(environment.get("DATABASE_URL")))
                    .contains(
                            combination.database() == DatabaseKind.POSTGRES
                                    ? "[postgresql://, "
                                    : "[mongodb://, ")
                    .doesNotContain("password");
            // serve also creates the first admin (FirstAdminTest); migrate creates no users.
            List<String> expected =
                    "serve".equals(container.get("Name"))
                            ? List.of(
                                    "DATABASE_USER",
                                    "DATABASE_PASSWORD",
                                    "WAYMARK_KEY_ENCRYPTION_KEY",
                                    "WAYMARK_ADMIN_USER",
                                    "WAYMARK_ADMIN_PASSWORD")
                            : List.of(
                                    "DATABASE_USER",
                                    "DATABASE_PASSWORD",
                                    "WAYMARK_KEY_ENCRYPTION_KEY");
            assertThat(Containers.secretNames(container))
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(String.valueOf(container.get("Secrets")))
                    .contains(":username::", ":password::");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standard")
    void migrateRunsToSuccessBeforeServe(Combination combination) {
        var synthesized = Synthesized.of(combination);
        var migrate = Containers.named(synthesized, "migrate");
        var serve = Containers.named(synthesized, "serve");
        assertThat(migrate)
                .containsEntry("Essential", false)
                .containsEntry("Command", List.of("migrate"));
        assertThat(serve.get("DependsOn"))
                .isEqualTo(List.of(Map.of("ContainerName", "migrate", "Condition", "SUCCESS")));
        // Hard limits that fit the task together, most of it for serve's heap.
        int task =
                Integer.parseInt(
                        String.valueOf(Containers.taskDefinition(synthesized).get("Memory")));
        int sidecars = Containers.sidecarMemory(synthesized);
        assertThat((Integer) migrate.get("Memory") + (Integer) serve.get("Memory") + sidecars)
                .isEqualTo(task);
        assertThat((Integer) serve.get("Memory")).isEqualTo(task * 3 / 4 - sidecars);
    }

    /**
     * Item 7: the container check is liveness; a database failover must not fail every task at
     * once.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void serveIsHealthCheckedOnLivenessAndRunsReadOnlyAsTheImageUser(Combination combination) {
        var synthesized = Synthesized.of(combination);
        var serve = Containers.named(synthesized, "serve");
        assertThat(serve)
                .containsEntry("Essential", true)
                .containsEntry("Command", List.of("serve"));
        var check = ContainerHealthCheck.SERVE;
        assertThat(serve.get("HealthCheck"))
                .isEqualTo(
                        Map.of(
                                "Command", check.command(),
                                "Interval", (int) check.interval().toSeconds(),
                                "Timeout", (int) check.timeout().toSeconds(),
                                "Retries", check.retries(),
                                "StartPeriod", (int) check.startPeriod().toSeconds()));
        assertThat(String.valueOf(serve.get("Image")))
                .contains("/waymark:" + Combination.IMAGE_TAG);
        for (var container : Containers.ofImage(synthesized)) {
            var environment = Containers.environment(container);
            assertThat(environment)
                    .containsEntry("LOG_FORMAT", "json")
                    .containsEntry("PORT", "8080")
                    .containsKeys(
                            "WAYMARK_ISSUER",
                            "WAYMARK_PUBLIC_URL",
                            "WAYMARK_CORS_ORIGINS",
                            "DATABASE_URL");
            assertThat(environment.get("WAYMARK_PUBLIC_URL"))
                    .as("every absolute URL the service writes starts with the API's URL")
                    .isEqualTo(environment.get("WAYMARK_ISSUER"));
            assertThat(String.valueOf(container.get("LogConfiguration"))).contains("awslogs");
            assertThat(container)
                    .containsEntry("User", "10001:10001")
                    .containsEntry("ReadonlyRootFilesystem", true)
                    .containsKey("Memory");
            assertThat(String.valueOf(container.get("MountPoints")))
                    .contains("ContainerPath=/tmp, ReadOnly=false");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void deploymentsRollBackOnFailureOrAlarmAndTasksAllowEcsExec(Combination combination) {
        var template = Synthesized.of(combination).template();
        template.hasResourceProperties(
                "AWS::ECS::Service",
                Match.objectLike(
                        Map.of(
                                "EnableExecuteCommand",
                                true,
                                "DeploymentConfiguration",
                                Match.objectLike(
                                        Map.of(
                                                "DeploymentCircuitBreaker",
                                                        Map.of("Enable", true, "Rollback", true),
                                                "Alarms",
                                                        Match.objectLike(
                                                                Map.of(
                                                                        "Enable",
                                                                        true,
                                                                        "Rollback",
                                                                        true)))))));
        template.hasResourceProperties(
                "AWS::Logs::LogGroup",
                Match.objectLike(Map.of("RetentionInDays", combination.prod() ? 365 : 30)));
        // The task role holds only the ECS Exec channel (and EFS mount for lean): no other AWS
        // access.
        var taskRolePolicies =
                template.findResources("AWS::IAM::Policy").entrySet().stream()
                        .filter(entry -> entry.getKey().contains("TaskTaskRole"))
                        .map(entry -> String.valueOf(entry.getValue()))
                        .toList();
        assertThat(taskRolePolicies).hasSize(1);
        assertThat(taskRolePolicies.getFirst())
                .contains("ssmmessages:")
                .doesNotContain("s3:", "dynamodb:", "secretsmanager:");
        assertThat(Containers.taskRoleStatements(Synthesized.of(combination)))
                .filteredOn(
                        statement ->
                                String.valueOf(statement.get("Action"))
                                        .contains("logs:PutLogEvents"))
                .singleElement()
                .satisfies(
                        statement ->
                                assertThat(String.valueOf(statement.get("Resource")))
                                        .contains("ExecLogs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void tasksAcceptTrafficOnlyFromTheIngress(Combination combination) {
        var template = Synthesized.of(combination).template();
        var servicePortRules =
                template.findResources(
                        "AWS::EC2::SecurityGroupIngress",
                        Map.of("Properties", Map.of("FromPort", 8080, "ToPort", 8080)));
        assertThat(servicePortRules).isNotEmpty();
        assertThat(servicePortRules.values())
                .allSatisfy(
                        rule ->
                                assertThat(String.valueOf(rule.get("Properties")))
                                        .contains("SourceSecurityGroupId")
                                        .doesNotContain("CidrIp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiGateway")
    void authorizerGuardsEveryProtectedRouteAndNoPublicRoute(Combination combination) {
        var template = Synthesized.of(combination).template();
        var routes = template.findResources("AWS::ApiGatewayV2::Route");
        assertThat(routes).hasSize(PublicRoutes.ALL.size() + 1);
        for (var route : routes.values()) {
            @SuppressWarnings("unchecked")
            var properties = (Map<String, Object>) route.get("Properties");
            String key = String.valueOf(properties.get("RouteKey"));
            boolean isPublic =
                    PublicRoutes.ALL.stream()
                            .anyMatch(r -> key.equals(r.method().name() + " " + r.path()));
            if (isPublic) {
                assertThat(properties.get("AuthorizationType")).as(key).isEqualTo("NONE");
                assertThat(properties).as(key).doesNotContainKey("AuthorizerId");
            } else {
                assertThat(key).isEqualTo("ANY " + PublicRoutes.PROTECTED_PATH);
                assertThat(properties.get("AuthorizationType")).as(key).isEqualTo("CUSTOM");
                assertThat(properties).as(key).containsKey("AuthorizerId");
            }
        }
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Authorizer",
                Match.objectLike(
                        Map.of(
                                "AuthorizerType",
                                "REQUEST",
                                "EnableSimpleResponses",
                                true,
                                "IdentitySource",
                                List.of("$request.header.Authorization"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiGateway")
    void authorizerIsAJava21SnapStartLambdaOutsideTheVpcVerifyingAgainstTheApisJwks(
            Combination combination) {
        var template = Synthesized.of(combination).template();
        var functions =
                template.findResources(
                        "AWS::Lambda::Function",
                        Map.of(
                                "Properties",
                                Map.of(
                                        "Handler",
                                        "io.waymark.authorizer.AuthorizerHandler::handleRequest")));
        assertThat(functions).hasSize(1);
        String function = String.valueOf(functions.values().iterator().next());
        assertThat(function)
                .contains(
                        "Runtime=java21",
                        "SnapStart={ApplyOn=PublishedVersions}",
                        "JWKS_URL",
                        "/.well-known/jwks.json",
                        "TOKEN_ISSUER")
                .doesNotContain("VpcConfig");
        template.hasResourceProperties(
                "AWS::Lambda::Alias", Match.objectLike(Map.of("Name", "live")));
        template.hasResourceProperties(
                "AWS::ServiceDiscovery::Service",
                Match.objectLike(
                        Map.of(
                                "DnsConfig",
                                Match.objectLike(
                                        Map.of(
                                                "DnsRecords",
                                                List.of(Map.of("TTL", 10, "Type", "SRV")))))));
        template.resourceCountIs("AWS::ApiGatewayV2::VpcLink", 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alb")
    void albDropsInvalidHeadersLogsAccessAndChecksReadiness(Combination combination) {
        var template = Synthesized.of(combination).template();
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 0);
        String attributes =
                String.valueOf(template.findResources("AWS::ElasticLoadBalancingV2::LoadBalancer"));
        assertThat(attributes)
                .contains(
                        "Key=routing.http.drop_invalid_header_fields.enabled, Value=true",
                        "Key=access_logs.s3.enabled, Value=true");
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                Match.objectLike(
                        Map.of(
                                "HealthCheckPath",
                                "/health",
                                "Matcher",
                                Map.of("HttpCode", "200"))));
        template.hasResourceProperties(
                "AWS::S3::Bucket", Match.objectLike(Map.of("BucketEncryption", Match.anyValue())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void everyStackHasMonitoringOutputsAndTags(Combination combination) {
        var template = Synthesized.of(combination).template();
        template.hasOutput("ApiUrl", Match.anyValue());
        template.hasOutput("DocsUrl", Match.anyValue());
        template.hasOutput(
                "DataRetention",
                Map.of(
                        "Value",
                        Match.stringLikeRegexp(
                                combination.prod()
                                        ? ".*(RETAINED|deletion protection).*"
                                        : ".*DELETED.*")));
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        template.hasResourceProperties(
                "AWS::SNS::Subscription",
                Map.of(
                        "Protocol",
                        "email",
                        "Endpoint",
                        "ops@example.com",
                        "TopicArn",
                        Match.anyValue()));
        var alarms = template.findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms.keySet())
                .anyMatch(id -> id.contains("ServerErrorRate"))
                .anyMatch(id -> id.contains("LatencyP99"))
                .anyMatch(id -> id.contains("CpuHigh"));
        assertThat(alarms.values())
                .allSatisfy(alarm -> assertThat(String.valueOf(alarm)).contains("AlarmActions"));
        template.hasResourceProperties(
                "AWS::EC2::VPC",
                Match.objectLike(
                        Map.of(
                                "Tags",
                                Match.arrayWith(
                                        List.of(
                                                Map.of("Key", "application", "Value", "waymark"),
                                                Map.of(
                                                        "Key",
                                                        "environment",
                                                        "Value",
                                                        combination.env()))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    @SuppressWarnings("unchecked")
    void templateHasNoCircularDependencyAndUsesLiteralRollbackAlarmNames(Combination combination) {
        var template = Synthesized.of(combination).template();
        var graph = new DependencyGraph((Map<String, Object>) template.toJSON());

        assertThat(graph.cycle()).isEmpty();
        template.hasResourceProperties(
                "AWS::ECS::Service",
                Match.objectLike(
                        Map.of(
                                "DeploymentConfiguration",
                                Match.objectLike(
                                        Map.of(
                                                "Alarms",
                                                Match.objectLike(
                                                        Map.of(
                                                                "AlarmNames",
                                                                List.of(
                                                                        "waymark-"
                                                                                + combination.env()
                                                                                + "-ServerErrorRate",
                                                                        "waymark-"
                                                                                + combination.env()
                                                                                + "-LatencyP99"))))))));
    }
}
