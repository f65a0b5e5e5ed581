package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The pipeline switch: GitHub OIDC delivery stack, or the self-mutating CodePipeline. */
class DeliveryStacksTest {

    private static final String CONNECTION = "arn:aws:codeconnections:us-east-1:123456789012:connection/0c8a4e7b-1f2d-4c3b-9a6e-5d4c3b2a1f0e";

    static Synthesized github() {
        Map<String, Object> context = new HashMap<>();
        context.put("githubRepository", "waymark-team/waymark");
        context.put("region", "us-east-1");
        return Synthesized.of("delivery-github", context, "WaymarkDelivery");
    }

    static Synthesized codePipeline() {
        Map<String, Object> context = new HashMap<>(new Combination(io.waymark.infra.config.Profile.STANDARD,
                io.waymark.infra.config.Ingress.APIGATEWAY, io.waymark.infra.config.DatabaseKind.POSTGRES, "dev").context());
        context.put("pipeline", "codepipeline");
        context.put("githubRepository", "waymark-team/waymark");
        context.put("connectionArn", CONNECTION);
        return Synthesized.of("delivery-codepipeline", context, "WaymarkPipeline");
    }

    @Test
    void githubDeliveryPassesCdkNag() {
        assertThat(NagTest.describe(github().nagErrors())).isEmpty();
        assertThat(NagTest.describe(github().nagWarnings())).isEmpty();
    }

    @Test
    void codePipelinePassesCdkNag() {
        assertThat(NagTest.describe(codePipeline().nagErrors())).isEmpty();
        assertThat(NagTest.describe(codePipeline().nagWarnings())).isEmpty();
    }

    @Test
    void imageRepositoryHasImmutableTagsScanOnPushAndLifecycle() {
        github().template().hasResourceProperties("AWS::ECR::Repository", Map.of(
                "RepositoryName", "waymark",
                "ImageTagMutability", "IMMUTABLE",
                "ImageScanningConfiguration", Map.of("ScanOnPush", true),
                "LifecyclePolicy", Match.objectLike(Map.of("LifecyclePolicyText", Match.anyValue()))));
    }

    @Test
    void deployRoleTrustsOnlyTheRepositoryBranchAndEnvironmentsThroughOidc() {
        var template = github().template();
        template.resourceCountIs("AWS::IAM::OIDCProvider", 1);
        template.hasResourceProperties("AWS::IAM::OIDCProvider", Map.of(
                "Url", "https://token.actions.githubusercontent.com",
                "ClientIdList", List.of("sts.amazonaws.com")));
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
                "Statement", List.of(Match.objectLike(Map.of(
                        "Action", "sts:AssumeRoleWithWebIdentity",
                        "Condition", Map.of(
                                "StringEquals", Map.of("token.actions.githubusercontent.com:aud", "sts.amazonaws.com"),
                                "StringLike", Map.of("token.actions.githubusercontent.com:sub", List.of(
                                        "repo:waymark-team/waymark:ref:refs/heads/main",
                                        "repo:waymark-team/waymark:environment:dev",
                                        "repo:waymark-team/waymark:environment:prod"))))))))));
    }

    @Test
    void deployRoleMayAssumeOnlyTheCdkBootstrapRoles() {
        var policies = github().resources("AWS::IAM::Policy");
        List<Object> assumeStatements = policies.values().stream()
                .flatMap(policy -> statements(policy).stream())
                .filter(statement -> String.valueOf(statement.get("Action")).contains("sts:AssumeRole"))
                .map(statement -> statement.get("Resource"))
                .toList();
        assertThat(assumeStatements).hasSize(1);
        assertThat(String.valueOf(assumeStatements.getFirst()))
                .contains("cdk-hnb659fds-deploy-role-", "cdk-hnb659fds-file-publishing-role-",
                        "cdk-hnb659fds-image-publishing-role-", "cdk-hnb659fds-lookup-role-")
                .doesNotContain("\"*\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void codePipelineBuildsTestsAndDeploysDevThenApprovalThenProd() {
        var template = codePipeline().template();
        var pipelines = template.findResources("AWS::CodePipeline::Pipeline");
        assertThat(pipelines).hasSize(1);
        Map<String, Object> pipeline = pipelines.values().iterator().next();
        assertThat(String.valueOf(pipeline)).contains(CONNECTION, "waymark-team/waymark");
        var properties = (Map<String, Object>) pipeline.get("Properties");
        var stages = (List<Map<String, Object>>) properties.get("Stages");
        assertThat(stages).extracting(stage -> stage.get("Name"))
                .containsSubsequence("Source", "Build", "UpdatePipeline", "Dev", "Prod");
        var prodActions = (List<Map<String, Object>>) stages.getLast().get("Actions");
        assertThat(prodActions.getFirst()).containsEntry("Name", "PromoteToProd");
        assertThat(String.valueOf(prodActions.getFirst().get("ActionTypeId"))).contains("Manual");
        String buildSpecs = String.valueOf(template.findResources("AWS::CodeBuild::Project"));
        assertThat(buildSpecs).contains("./mvnw -B verify", "docker build", "docker push", "aws-cdk@2 synth",
                "-c imageTag=$TAG");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        var properties = (Map<String, Object>) policy.get("Properties");
        var document = (Map<String, Object>) properties.get("PolicyDocument");
        return (List<Map<String, Object>>) document.get("Statement");
    }
}
