package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.infra.config.DatabaseKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18, defect 7: outside prod one {@code cdk destroy} leaves nothing that costs money; in prod
 * only the data and its logs stay (docs/deploying-to-aws.md, "Remove").
 */
@SuppressWarnings("unchecked")
class TeardownTest {

    static Stream<Combination> all() {
        return Combination.ALLOWED.stream();
    }

    static Stream<Combination> nonProd() {
        return all().filter(c -> !c.prod());
    }

    static Stream<Combination> nonProdDatabases() {
        return nonProd().filter(c -> c.database() != DatabaseKind.SQLITE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonProd")
    void outsideProdNoLogGroupIsLeftToCustomLogRetention(Combination combination) {
        assertThat(Synthesized.of(combination).resources("Custom::LogRetention").keySet())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonProd")
    void outsideProdEveryLogGroupExpiresAndGoesWithTheStack(Combination combination) {
        var groups = Synthesized.of(combination).resources("AWS::Logs::LogGroup");
        assertThat(groups).isNotEmpty();
        groups.forEach(
                (id, group) -> {
                    assertThat(group.get("DeletionPolicy")).as(id).isEqualTo("Delete");
                    assertThat(properties(group)).as(id).containsKey("RetentionInDays");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void everyLambdaLogsToAnExpiringGroupOfTheStack(Combination combination) {
        var synthesized = Synthesized.of(combination);
        var groups = synthesized.resources("AWS::Logs::LogGroup");
        synthesized
                .resources("AWS::Lambda::Function")
                .forEach(
                        (id, function) -> {
                            var logging =
                                    (Map<String, Object>) properties(function).get("LoggingConfig");
                            assertThat(logging).as(id + " LoggingConfig").isNotNull();
                            var group = (Map<String, Object>) logging.get("LogGroup");
                            assertThat(group).as(id + " LogGroup").containsKey("Ref");
                            assertThat(properties(groups.get(group.get("Ref"))))
                                    .as(id)
                                    .containsKey("RetentionInDays");
                        });
        // The rotation function lives in the Serverless Application Repository's nested stack,
        // under the name CDK passes it; its log group is created here, before it.
        synthesized
                .resources("AWS::Serverless::Application")
                .forEach(
                        (id, application) -> {
                            var parameters =
                                    (Map<String, Object>) properties(application).get("Parameters");
                            String name = "/aws/lambda/" + parameters.get("functionName");
                            var owned =
                                    groups.entrySet().stream()
                                            .filter(
                                                    g ->
                                                            name.equals(
                                                                    properties(g.getValue())
                                                                            .get("LogGroupName")))
                                            .map(Map.Entry::getKey)
                                            .toList();
                            assertThat(owned).as(name).hasSize(1);
                            assertThat(dependsOn(application)).as(id).contains(owned.getFirst());
                        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonProdDatabases")
    void outsideProdTheDatabaseLogGroupsAreTheStacksAndExistBeforeTheDatabase(
            Combination combination) {
        var synthesized = Synthesized.of(combination);
        boolean postgres = combination.database() == DatabaseKind.POSTGRES;
        var databases =
                synthesized.resources(postgres ? "AWS::RDS::DBInstance" : "AWS::DocDB::DBCluster");
        assertThat(databases).hasSize(1);
        var database = databases.values().iterator().next();
        String identifier =
                String.valueOf(
                        properties(database)
                                .get(postgres ? "DBInstanceIdentifier" : "DBClusterIdentifier"));
        List<String> names =
                postgres
                        ? List.of(
                                "/aws/rds/instance/" + identifier + "/postgresql",
                                "/aws/rds/instance/" + identifier + "/upgrade")
                        : List.of(
                                "/aws/docdb/" + identifier + "/audit",
                                "/aws/docdb/" + identifier + "/profiler");
        var groups = synthesized.resources("AWS::Logs::LogGroup");
        for (String name : names) {
            var owned =
                    groups.entrySet().stream()
                            .filter(g -> name.equals(properties(g.getValue()).get("LogGroupName")))
                            .map(Map.Entry::getKey)
                            .toList();
            assertThat(owned).as(name).hasSize(1);
            assertThat(dependsOn(database)).as(name).contains(owned.getFirst());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void efsKeepsRecoveryPointsOnlyInProd(Combination combination) {
        Synthesized.of(combination)
                .resources("AWS::EFS::FileSystem")
                .forEach(
                        (id, fileSystem) ->
                                assertThat(properties(fileSystem).get("BackupPolicy"))
                                        .as(id)
                                        .isEqualTo(
                                                Map.of(
                                                        "Status",
                                                        combination.prod()
                                                                ? "ENABLED"
                                                                : "DISABLED")));
    }

    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    private static List<Object> dependsOn(Map<String, Object> resource) {
        Object value = resource.getOrDefault("DependsOn", List.of());
        return value instanceof List<?> list ? (List<Object>) list : List.of(value);
    }
}
