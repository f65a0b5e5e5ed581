package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.infra.config.Ingress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The pipeline switch: GitHub OIDC delivery stack, or the self-mutating CodePipeline. */
class DeliveryStacksTest {

    private static final String REPOSITORY = Deployments.REPOSITORY;

    static Synthesized github() {
        return Deployments.githubDelivery();
    }

    static Synthesized codePipeline() {
        return Deployments.pipeline(Combination.ALLOWED.get(1));
    }

    static Stream<Combination> pipelineCombinations() {
        return Deployments.pipelineCombinations();
    }

    @Test
    void githubDeliveryPassesCdkNag() {
        assertThat(NagTest.describe(github().nagErrors())).isEmpty();
        assertThat(NagTest.describe(github().nagWarnings())).isEmpty();
    }

    /**
     * Items 3 and 4: every pipeline × ingress × database × domain synthesizes, each stage with its
     * own domain.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelineCombinations")
    void everyPipelineCombinationSynthesizesBothStagesAndPassesCdkNag(Combination combination) {
        var pipeline = Deployments.pipeline(combination);
        assertThat(NagTest.describe(pipeline.nagErrors())).isEmpty();
        assertThat(NagTest.describe(pipeline.nagWarnings())).isEmpty();
        assertThat(pipeline.stages()).hasSize(2);
        for (var stage : pipeline.stages()) {
            assertThat(stage.stack().getRegion()).isEqualTo("us-east-1");
            assertThat(NagTest.describe(stage.nagErrors()))
                    .as(stage.stack().getStackName())
                    .isEmpty();
            assertThat(NagTest.describe(stage.nagWarnings()))
                    .as(stage.stack().getStackName())
                    .isEmpty();
        }
        var dev = pipeline.stage("dev").template();
        var prod = pipeline.stage("prod").template();
        if (combination.domain()) {
            dev.hasOutput(
                    "ApiUrl",
                    Map.of(
                            "Value",
                            "https://" + Deployments.DEV_DOMAIN,
                            "Description",
                            Match.anyValue()));
            prod.hasOutput(
                    "ApiUrl",
                    Map.of(
                            "Value",
                            "https://" + Combination.DOMAIN,
                            "Description",
                            Match.anyValue()));
        } else if (combination.ingress() == Ingress.ALB) {
            prod.hasOutput(
                    "ApiUrl",
                    Map.of(
                            "Value",
                            "https://" + Combination.DOMAIN,
                            "Description",
                            Match.anyValue()));
            assertThat(String.valueOf(dev.findOutputs("ApiUrl"))).contains("http://");
        } else {
            dev.resourceCountIs("AWS::ApiGatewayV2::DomainName", 0);
            prod.resourceCountIs("AWS::ApiGatewayV2::DomainName", 0);
        }
    }

    @Test
    void imageRepositoryHasImmutableTagsAndScanOnPush() {
        for (var template : repositoryOwners(github()).values()) {
            template.hasResourceProperties(
                    "AWS::ECR::Repository",
                    Map.of(
                            "RepositoryName",
                            "waymark",
                            "ImageTagMutability",
                            "IMMUTABLE",
                            "ImageScanningConfiguration",
                            Map.of("ScanOnPush", true)));
        }
    }

    /**
     * Issue 18, defect 3: both pipelines may be deployed to one account, and CloudFormation cannot
     * create the repository {@code waymark} twice; one stack, the same in either app, owns it.
     */
    @Test
    void oneStackOwnsTheWaymarkRepositoryWhicheverPipelineDeploys() {
        assertThat(repositoryOwners(github()).keySet())
                .containsExactly("WaymarkImages")
                .isEqualTo(repositoryOwners(codePipeline()).keySet());
        assertThat(repositoryOwners(github()).get("WaymarkImages").toJSON())
                .as("the same stack in both apps, so deploying it from either changes nothing")
                .isEqualTo(repositoryOwners(codePipeline()).get("WaymarkImages").toJSON());
        for (var app : List.of(github(), codePipeline())) {
            var images = app.stack().getNode().getRoot().getNode().findChild("WaymarkImages");
            assertThat(app.stack().getDependencies())
                    .as("cdk deploy %s deploys the repository first", app.stack().getStackName())
                    .contains((Stack) images);
        }
        var nag =
                Annotations.fromStack(
                        (Stack)
                                github().stack()
                                        .getNode()
                                        .getRoot()
                                        .getNode()
                                        .findChild("WaymarkImages"));
        assertThat(nag.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
        assertThat(nag.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
    }

    /**
     * Issue 18, defect 3: a count or push-age rule expires what prod runs or rolls back to (a
     * multi-arch build is several ECR images, its platform manifests untagged). Only an image no
     * task has pulled for a year may expire, whatever its tags.
     */
    @Test
    @SuppressWarnings("unchecked")
    void anImageExpiresOnlyAfterAYearWithoutAPullNeverByCountOrAge() {
        for (var app : List.of(github(), codePipeline())) {
            for (var template : repositoryOwners(app).values()) {
                var repository =
                        (Map<String, Object>)
                                template.findResources("AWS::ECR::Repository")
                                        .values()
                                        .iterator()
                                        .next()
                                        .get("Properties");
                var policy = (Map<String, Object>) repository.get("LifecyclePolicy");
                assertThat(policy).as("lifecycle policy").isNotNull();
                Map<String, Object> text =
                        new Yaml().load((String) policy.get("LifecyclePolicyText"));
                var rules = (List<Map<String, Object>>) text.get("rules");
                assertThat(rules)
                        .extracting(rule -> rule.get("selection"))
                        .containsExactly(
                                Map.of(
                                        "tagStatus",
                                        "any",
                                        "countType",
                                        "sinceImagePulled",
                                        "countUnit",
                                        "days",
                                        "countNumber",
                                        365));
                assertThat(rules)
                        .extracting(rule -> rule.get("action"))
                        .containsExactly(Map.of("type", "expire"));
            }
        }
    }

    /** Item 13: one role per job kind, each trusting exactly one OIDC subject. */
    @Test
    void eachRoleTrustsExactlyOneSubjectThroughOidc() {
        var template = github().template();
        template.resourceCountIs("AWS::IAM::OIDCProvider", 1);
        template.hasResourceProperties(
                "AWS::IAM::OIDCProvider",
                Map.of(
                        "Url",
                        "https://token.actions.githubusercontent.com",
                        "ClientIdList",
                        List.of("sts.amazonaws.com")));
        assertThat(trustedSubjects(template))
                .containsExactlyInAnyOrder(
                        "repo:" + REPOSITORY + ":ref:refs/heads/main",
                        "repo:" + REPOSITORY + ":environment:dev",
                        "repo:" + REPOSITORY + ":environment:prod");
        template.hasOutput("ImageRoleArn", Match.anyValue());
        template.hasOutput("DeployRoleArnDev", Match.anyValue());
        template.hasOutput("DeployRoleArnProd", Match.anyValue());
    }

    /** Item 13: the image role cannot deploy, and the deploy roles cannot push images. */
    @Test
    @SuppressWarnings("unchecked")
    void onlyTheEnvironmentRolesMayAssumeTheCdkBootstrapRolesAndOnlyTheImageRolePushes() {
        var roles = github().resources("AWS::IAM::Role");
        var policies = github().resources("AWS::IAM::Policy");
        Map<String, String> subjectByRole = new HashMap<>();
        roles.forEach(
                (id, role) ->
                        subjectByRole.put(id, String.valueOf(trustedSubjects(Map.of(id, role)))));
        for (var policy : policies.values()) {
            var properties = (Map<String, Object>) policy.get("Properties");
            String roleId =
                    String.valueOf(
                            ((List<Map<String, Object>>) properties.get("Roles"))
                                    .getFirst()
                                    .get("Ref"));
            String statements = String.valueOf(statements(policy));
            String subject = subjectByRole.get(roleId);
            if (subject.contains(":environment:")) {
                assertThat(statements)
                        .as(subject)
                        .contains("sts:AssumeRole", "cdk-hnb659fds-deploy-role-")
                        .doesNotContain("ecr:PutImage", "\"*\"");
            } else {
                assertThat(subject).contains(":ref:refs/heads/main");
                assertThat(statements).contains("ecr:PutImage").doesNotContain("sts:AssumeRole");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void codePipelineBuildsTestsAndDeploysDevThenApprovalThenProd() {
        var template = codePipeline().template();
        var pipelines = template.findResources("AWS::CodePipeline::Pipeline");
        assertThat(pipelines).hasSize(1);
        Map<String, Object> pipeline = pipelines.values().iterator().next();
        assertThat(String.valueOf(pipeline)).contains(Deployments.CONNECTION, REPOSITORY);
        var properties = (Map<String, Object>) pipeline.get("Properties");
        var stages = (List<Map<String, Object>>) properties.get("Stages");
        assertThat(stages)
                .extracting(stage -> stage.get("Name"))
                .containsSubsequence("Source", "Build", "UpdatePipeline", "Dev", "Prod");
        var devActions = String.valueOf(stages.get(stages.size() - 2).get("Actions"));
        assertThat(devActions.indexOf("Name=Image"))
                .isNotNegative()
                .isLessThan(devActions.indexOf("Prepare"));
        var prodActions = (List<Map<String, Object>>) stages.getLast().get("Actions");
        assertThat(prodActions.getFirst()).containsEntry("Name", "PromoteToProd");
        assertThat(String.valueOf(prodActions.getFirst().get("ActionTypeId"))).contains("Manual");
    }

    /**
     * Item 2: CodeBuild's defaults (Corretto 17, no embedded PostgreSQL for ARM) cannot build this
     * reactor.
     */
    @Test
    void theBuildRunsOnX8664WithCorretto21AndTheImageIsBuiltOnArm() {
        var projects = codePipeline().resources("AWS::CodeBuild::Project").values();
        var build =
                projects.stream()
                        .filter(p -> String.valueOf(p).contains("./mvnw -B verify"))
                        .toList();
        assertThat(build)
                .singleElement()
                .satisfies(
                        project ->
                                assertThat(String.valueOf(project))
                                        .contains(
                                                "Image=aws/codebuild/amazonlinux-x86_64-standard:5.0",
                                                "Type=LINUX_CONTAINER")
                                        .contains(
                                                "\"runtime-versions\": {",
                                                "\"java\": \"corretto21\"",
                                                "\"nodejs\": \"22\"")
                                        .contains(
                                                "aws-cdk@2 synth",
                                                "-c imageTag=$TAG",
                                                "-c pipeline=codepipeline",
                                                "-c region=us-east-1"));
        var image =
                projects.stream().filter(p -> String.valueOf(p).contains("docker push")).toList();
        assertThat(image)
                .singleElement()
                .satisfies(
                        project ->
                                assertThat(String.valueOf(project))
                                        .contains(
                                                "Image=aws/codebuild/amazonlinux-aarch64-standard:3.0",
                                                "Type=ARM_CONTAINER",
                                                "PrivilegedMode=true",
                                                // BuildKit, for the Dockerfile's RUN --mount; no
                                                // attestation manifests beside the image.
                                                "docker buildx build --provenance=false --sbom=false"
                                                        + " --load -t $REPOSITORY_URI:$TAG .")
                                        .doesNotContain("docker build -t"));
        assertThat(projects)
                .allSatisfy(
                        project -> assertThat(String.valueOf(project)).contains("CloudWatchLogs"));
    }

    /** The templates of the stacks of {@code synthesized}'s app that define an ECR repository. */
    private static Map<String, Template> repositoryOwners(Synthesized synthesized) {
        Map<String, Template> owners = new TreeMap<>();
        for (var child : synthesized.stack().getNode().getRoot().getNode().getChildren()) {
            if (child instanceof Stack stack) {
                var template = Template.fromStack(stack);
                if (!template.findResources("AWS::ECR::Repository").isEmpty()) {
                    owners.put(stack.getStackName(), template);
                }
            }
        }
        return owners;
    }

    private static List<String> trustedSubjects(
            software.amazon.awscdk.assertions.Template template) {
        return trustedSubjects(template.findResources("AWS::IAM::Role"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> trustedSubjects(Map<String, Map<String, Object>> roles) {
        return roles.values().stream()
                .map(
                        role ->
                                (Map<String, Object>)
                                        ((Map<String, Object>) role.get("Properties"))
                                                .get("AssumeRolePolicyDocument"))
                .flatMap(
                        document ->
                                ((List<Map<String, Object>>) document.get("Statement")).stream())
                .filter(
                        statement ->
                                "sts:AssumeRoleWithWebIdentity".equals(statement.get("Action")))
                .map(
                        statement -> {
                            var equals =
                                    (Map<String, Object>)
                                            ((Map<String, Object>) statement.get("Condition"))
                                                    .get("StringEquals");
                            assertThat(equals)
                                    .containsEntry(
                                            "token.actions.githubusercontent.com:aud",
                                            "sts.amazonaws.com");
                            return (String) equals.get("token.actions.githubusercontent.com:sub");
                        })
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        var properties = (Map<String, Object>) policy.get("Properties");
        var document = (Map<String, Object>) properties.get("PolicyDocument");
        return (List<Map<String, Object>>) document.get("Statement");
    }
}
