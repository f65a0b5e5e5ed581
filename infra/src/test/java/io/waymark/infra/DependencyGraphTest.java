package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cycle check used on every synthesized stack finds the references CloudFormation would refuse.
 */
class DependencyGraphTest {

    private static Map<String, Object> template(Map<String, Object> resources) {
        return Map.of("Resources", resources);
    }

    @Test
    void findsACycleThroughRefGetAttAndSub() {
        var graph =
                new DependencyGraph(
                        template(
                                Map.of(
                                        "Service",
                                                Map.of(
                                                        "Properties",
                                                        Map.of("Alarm", Map.of("Ref", "Alarm"))),
                                        "Alarm",
                                                Map.of(
                                                        "Properties",
                                                        Map.of(
                                                                "Dimension",
                                                                Map.of(
                                                                        "Fn::GetAtt",
                                                                        List.of("Api", "Id")))),
                                        "Api",
                                                Map.of(
                                                        "Properties",
                                                        Map.of(
                                                                "Target",
                                                                Map.of(
                                                                        "Fn::Sub",
                                                                        "arn:${Service.Name}"))))));

        assertThat(graph.cycle())
                .hasValueSatisfying(cycle -> assertThat(cycle).contains("Service", "Alarm", "Api"));
    }

    @Test
    void aChainWithParametersAndPseudoParametersIsNotACycle() {
        var graph =
                new DependencyGraph(
                        template(
                                Map.of(
                                        "Service",
                                                Map.of(
                                                        "Properties",
                                                        Map.of("Alarm", Map.of("Ref", "Alarm")),
                                                        "DependsOn",
                                                        List.of("Role")),
                                        "Alarm",
                                                Map.of(
                                                        "Properties",
                                                        Map.of(
                                                                "Region",
                                                                Map.of("Ref", "AWS::Region"))),
                                        "Role", Map.of("Properties", Map.of()))));

        assertThat(graph.cycle()).isEmpty();
    }
}
