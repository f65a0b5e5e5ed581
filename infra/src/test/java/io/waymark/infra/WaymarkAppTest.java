package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/** Which stacks the app contains follows from the context. */
class WaymarkAppTest {

    @Test
    void withoutImageTagOrRepositoryThereIsNothingToSynthesizeAndTheMessageSaysWhichKeys() {
        var app = WaymarkApp.appWithContext(Map.of(), TestAssets.outdir("empty").toString());

        assertThatThrownBy(() -> WaymarkApp.build(app))
                .hasMessageStartingWith("Invalid CDK context 'imageTag'")
                .hasMessageContaining("githubRepository");
    }

    @Test
    void aMissingAuthorizerJarFailsNamingTheKey() {
        var app =
                WaymarkApp.appWithContext(
                        Map.of(
                                "imageTag",
                                "3f2a9c1e",
                                "region",
                                "us-east-1",
                                "authorizerJar",
                                "target/does-not-exist.jar"),
                        TestAssets.outdir("no-jar").toString());

        assertThatThrownBy(() -> WaymarkApp.build(app))
                .hasMessageStartingWith("Invalid CDK context 'authorizerJar'")
                .hasMessageContaining("./mvnw -pl authorizer -am package");
    }

    @Test
    void stacksAreRegionalButAccountAgnosticSoSynthesisNeedsNoLookups() {
        Stack stack = Synthesized.of(Combination.ALLOWED.getFirst()).stack();

        assertThat(stack.getRegion()).isEqualTo("us-east-1");
        assertThat(software.amazon.awscdk.Token.isUnresolved(stack.getAccount())).isTrue();
        // AZs by ID (API Gateway) or by Fn::GetAZs (ALB): either way no lookup at synthesis.
        assertThat(
                        String.valueOf(
                                Synthesized.of(Combination.ALLOWED.getFirst()).template().toJSON()))
                .contains("AvailabilityZoneId")
                .doesNotContain("Fn::GetAZs");
        assertThat(String.valueOf(Synthesized.of(Combination.ALLOWED.get(3)).template().toJSON()))
                .contains("Fn::GetAZs");
    }
}
