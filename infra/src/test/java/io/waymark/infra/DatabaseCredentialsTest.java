package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.infra.config.DatabaseKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;

/**
 * Items 1 and 8: the drivers verify the database server, and a password rotation replaces the
 * tasks.
 */
class DatabaseCredentialsTest {

    static Stream<Combination> standard() {
        return Combination.ALLOWED.stream().filter(c -> !c.lean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standard")
    void theDriversVerifyTheServerCertificateAgainstTheRdsCertificateAuthorities(
            Combination combination) {
        for (var container : Containers.ofImage(Synthesized.of(combination))) {
            String url = String.valueOf(Containers.environment(container).get("DATABASE_URL"));
            if (combination.database() == DatabaseKind.POSTGRES) {
                assertThat(url)
                        .contains(
                                "?sslmode=verify-full&sslrootcert=/etc/waymark/rds-ca-bundle.pem");
            } else {
                assertThat(url)
                        .contains("?tls=true&")
                        .doesNotContain("tlsAllowInvalid", "tlsInsecure");
            }
        }
    }

    // Issue 18, defect 6: a lagging secondary turned register-then-sign-in into a 401.
    @ParameterizedTest(name = "{0}")
    @MethodSource("documentDb")
    void documentDbReadsGoToThePrimarySoACallerSeesItsOwnWrites(Combination combination) {
        for (var container : Containers.ofImage(Synthesized.of(combination))) {
            assertThat(String.valueOf(Containers.environment(container).get("DATABASE_URL")))
                    .contains("&readPreference=primary&")
                    .doesNotContain("secondary");
        }
    }

    static Stream<Combination> documentDb() {
        return standard().filter(c -> c.database() == DatabaseKind.MONGODB);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standard")
    void aSuccessfulRotationForcesANewDeploymentOfTheService(Combination combination) {
        var synthesized = Synthesized.of(combination);
        var template = synthesized.template();
        template.hasResourceProperties(
                "AWS::SecretsManager::RotationSchedule",
                Match.objectLike(
                        Map.of(
                                "RotateImmediatelyOnUpdate",
                                false,
                                "RotationRules",
                                Map.of("ScheduleExpression", "rate(30 days)"))));
        var rules = synthesized.resources("AWS::Events::Rule");
        assertThat(rules).hasSize(1);
        String rule = String.valueOf(rules.values().iterator().next());
        assertThat(rule)
                .contains(
                        "source=[aws.secretsmanager]",
                        "eventName=[RotationSucceeded]",
                        "SecretId=[{Ref=",
                        "StateMachine");
        var machines = synthesized.resources("AWS::StepFunctions::StateMachine");
        assertThat(machines).hasSize(1);
        String definition = String.valueOf(machines.values().iterator().next());
        assertThat(definition)
                .contains(
                        "arn:",
                        ":states:::aws-sdk:ecs:updateService",
                        "\"ForceNewDeployment\":true");
        var policies =
                String.valueOf(
                        synthesized.resources("AWS::IAM::Policy").entrySet().stream()
                                .filter(entry -> entry.getKey().contains("RedeployOnRotation"))
                                .toList());
        assertThat(policies).contains("ecs:updateService").doesNotContain("ecs:*");
        // The service the state machine redeploys is this stack's.
        assertThat(definition).contains(serviceLogicalId(synthesized));
    }

    private static String serviceLogicalId(Synthesized synthesized) {
        List<String> ids = List.copyOf(synthesized.resources("AWS::ECS::Service").keySet());
        assertThat(ids).hasSize(1);
        return ids.getFirst();
    }
}
