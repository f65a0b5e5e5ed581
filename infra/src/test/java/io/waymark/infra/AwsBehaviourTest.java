package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.infra.config.Ingress;
import io.waymark.infra.service.ContainerHealthCheck;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What AWS does with what the templates say: rules that hold only because of a documented AWS
 * behaviour, which cfn-lint, cfn-guard and cdk-nag cannot see (issue 18). Each test names the
 * behaviour and the page that documents it.
 */
class AwsBehaviourTest {

    static Stream<Combination> combinations() {
        return Combination.ALLOWED.stream();
    }

    static Stream<Combination> behindALoadBalancer() {
        return combinations().filter(combination -> combination.ingress() == Ingress.ALB);
    }

    /**
     * A topic policy replaces SNS's default policy, so {@code enforceSsl}'s deny-only policy left
     * nobody allowed to publish: CloudWatch's alarm actions failed with "SNS:Publish not
     * authorized". CloudWatch publishes as the service principal, with the alarm as source
     * (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void cloudWatchAlarmsOfThisAccountMayPublishToTheAlarmTopic(Combination combination) {
        Synthesized stack = Synthesized.of(combination);

        List<Map<String, Object>> statements =
                stack.resources("AWS::SNS::TopicPolicy").values().stream()
                        .flatMap(
                                policy ->
                                        Synthesized.list(
                                                Synthesized.map(
                                                                Synthesized.properties(policy)
                                                                        .get("PolicyDocument"))
                                                        .get("Statement"))
                                                .stream())
                        .map(Synthesized::map)
                        .toList();

        assertThat(statements)
                .anySatisfy(
                        statement -> {
                            assertThat(statement.get("Effect")).isEqualTo("Allow");
                            assertThat(statement.get("Principal"))
                                    .isEqualTo(Map.of("Service", "cloudwatch.amazonaws.com"));
                            assertThat(statement.get("Action")).isEqualTo("sns:Publish");
                            assertThat(Synthesized.map(statement.get("Condition")))
                                    .containsEntry(
                                            "StringEquals",
                                            Map.of(
                                                    "aws:SourceAccount",
                                                    Map.of("Ref", "AWS::AccountId")));
                        });
    }

    /**
     * ECS replaces a task that fails its target group's health check
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html: "The service
     * scheduler also replaces tasks determined to be unhealthy after a container health check or a
     * load balancer target group health check fails"). A readiness check fails on every task at
     * once while the database fails over, so the target group asks what the container check asks:
     * liveness.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("behindALoadBalancer")
    void theTargetGroupChecksLivenessSoADatabaseFailoverReplacesNoTask(Combination combination) {
        Synthesized stack = Synthesized.of(combination);

        assertThat(stack.resources("AWS::ElasticLoadBalancingV2::TargetGroup").values())
                .isNotEmpty()
                .allSatisfy(
                        group ->
                                assertThat(Synthesized.properties(group).get("HealthCheckPath"))
                                        .isEqualTo(ContainerHealthCheck.LIVENESS_PATH));
    }

    /**
     * EC2 gives a new security group an allow-all egress rule and removes it only when the group's
     * own SecurityGroupEgress property lists rules
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html).
     * CDK drops its "disallow all" placeholder as soon as a rule is added as a separate
     * AWS::EC2::SecurityGroupEgress resource, which left the VPC link's and the ALB's groups open
     * to everything.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void everySecurityGroupListsItsEgressItselfSoEc2AddsNoAllowAll(Combination combination) {
        Synthesized stack = Synthesized.of(combination);

        assertThat(stack.resources("AWS::EC2::SecurityGroup"))
                .isNotEmpty()
                .allSatisfy(
                        (id, group) ->
                                assertThat(
                                                Synthesized.list(
                                                        Synthesized.properties(group)
                                                                .get("SecurityGroupEgress")))
                                        .as(id + " " + Synthesized.properties(group))
                                        .isNotEmpty());
    }

    /**
     * EFS publishes StorageBytes per storage class only; without the StorageClass dimension the
     * metric has no data (https://docs.aws.amazon.com/efs/latest/ug/efs-metrics.html: "StorageBytes
     * ... Dimensions: FileSystemId, StorageClass").
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void theEfsStorageWidgetAsksForTheTotalOfEveryStorageClass(Combination combination) {
        String dashboard =
                String.valueOf(
                        Synthesized.of(combination)
                                .resources("AWS::CloudWatch::Dashboard")
                                .values());

        if (combination.lean()) {
            assertThat(dashboard)
                    .contains("StorageBytes")
                    .containsPattern("\"StorageBytes\"[^\\]]*\"StorageClass\",\"Total\"");
        } else {
            assertThat(dashboard).doesNotContain("StorageBytes");
        }
    }
}
