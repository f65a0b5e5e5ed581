package io.waymark.infra.pipeline;

import io.waymark.infra.config.DeploymentConfig;
import io.waymark.infra.config.InvalidContextException;
import io.waymark.infra.nag.Nag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.StageProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.pipelines.AddStageOpts;
import software.amazon.awscdk.pipelines.CodeBuildStep;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ConnectionSourceOptions;
import software.amazon.awscdk.pipelines.ManualApprovalStep;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codepipeline.PipelineType;
import software.amazon.awscdk.services.codebuild.BuildEnvironmentVariable;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.LinuxArmBuildImage;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * {@code pipeline=codepipeline}: a self-mutating CDK Pipelines pipeline (one pipeline instead of the GPS
 * tracker's three). Source from a CodeStar connection, one build step that runs {@code ./mvnw verify}, builds and
 * pushes the image tagged with the commit, and synthesizes the app for that tag; then dev, a manual approval,
 * prod. Changing the pipeline is a commit: its first stage updates the pipeline itself.
 */
public final class PipelineStack extends Stack {

    private final CodePipeline pipeline;

    public PipelineStack(Construct scope, String id, StackProps props, DeploymentConfig config) {
        super(scope, id, props);
        String githubRepository = config.githubRepository().orElseThrow(() -> new InvalidContextException(
                "githubRepository", "required for pipeline=codepipeline: owner/name of the source repository"));
        String connectionArn = config.connectionArn().orElseThrow(() -> new InvalidContextException(
                "connectionArn", "required for pipeline=codepipeline: ARN of an AVAILABLE CodeStar connection to GitHub"));
        ImageRepository images = new ImageRepository(this, "Images");

        var source = CodePipelineSource.connection(githubRepository, config.githubBranch(),
                ConnectionSourceOptions.builder().connectionArn(connectionArn).build());
        CodeBuildStep synth = CodeBuildStep.Builder.create("BuildTestSynth")
                .input(source)
                .env(Map.of("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20"))
                // The tasks run on ARM64: build the image natively on an ARM builder (privileged for Docker).
                .buildEnvironment(BuildEnvironment.builder()
                        .buildImage(LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0)
                        .computeType(ComputeType.LARGE)
                        .privileged(true)
                        .environmentVariables(Map.of("REPOSITORY_URI", BuildEnvironmentVariable.builder()
                                .value(images.repository().getRepositoryUri()).build()))
                        .build())
                .commands(List.of(
                        "./mvnw -B verify",
                        "TAG=$CODEBUILD_RESOLVED_SOURCE_VERSION",
                        "aws ecr get-login-password | docker login --username AWS --password-stdin ${REPOSITORY_URI%%/*}",
                        // Tags are immutable: a retried build of the same commit reuses the pushed image.
                        "aws ecr describe-images --repository-name " + ImageRepository.NAME + " --image-ids imageTag=$TAG"
                                + " || (docker build -t $REPOSITORY_URI:$TAG . && docker push $REPOSITORY_URI:$TAG)",
                        "cd infra && npx --yes aws-cdk@2 synth " + contextArguments(config, githubRepository, connectionArn)
                                + " -c imageTag=$TAG"))
                .primaryOutputDirectory("infra/cdk.out")
                .rolePolicyStatements(List.of(
                        PolicyStatement.Builder.create()
                                .actions(List.of("ecr:GetAuthorizationToken"))
                                .resources(List.of("*"))
                                .build(),
                        PolicyStatement.Builder.create()
                                .actions(List.of("ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload",
                                        "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
                                        "ecr:BatchGetImage", "ecr:DescribeImages"))
                                .resources(List.of(images.repository().getRepositoryArn()))
                                .build()))
                .build();
        this.pipeline = CodePipeline.Builder.create(this, "Pipeline")
                .pipelineName("waymark")
                .synth(synth)
                .selfMutation(true)
                // V2: billed per action minute instead of $1 per pipeline-month, and the current type.
                .pipelineType(PipelineType.V2)
                .dockerEnabledForSynth(true)
                // Single account: no cross-account KMS key ($1/month) needed for the artifacts.
                .crossAccountKeys(false)
                .build();
        pipeline.addStage(new WaymarkStage(this, "Dev", StageProps.builder().build(), config.withEnvName("dev")));
        pipeline.addStage(new WaymarkStage(this, "Prod", StageProps.builder().build(), config.withEnvName("prod")),
                AddStageOpts.builder()
                        .pre(List.of(ManualApprovalStep.Builder.create("PromoteToProd")
                                .comment("Dev is deployed and smoke-tested: promote this commit to prod?")
                                .build()))
                        .build());
        pipeline.buildPipeline();
        suppressPipelineFindings();

        CfnOutput.Builder.create(this, "RepositoryUri")
                .description("ECR repository the pipeline pushes to")
                .value(images.repository().getRepositoryUri())
                .build();
        Tags.of(this).add("application", "waymark");
        Tags.of(this).add("managed-by", "cdk");
    }

    // The synth step reproduces this synthesis in CodeBuild, for the commit being built.
    private static String contextArguments(DeploymentConfig config, String githubRepository, String connectionArn) {
        List<String> args = new ArrayList<>(List.of(
                "-c pipeline=codepipeline",
                "-c profile=" + config.profile().name().toLowerCase(),
                "-c ingress=" + config.ingress().name().toLowerCase(),
                "-c database=" + config.database().name().toLowerCase(),
                "-c githubRepository=" + githubRepository,
                "-c githubBranch=" + config.githubBranch(),
                "-c connectionArn=" + connectionArn,
                "-c maxTasks=" + config.maxTasks()));
        config.alarmEmail().ifPresent(email -> args.add("-c alarmEmail=" + email));
        config.domain().ifPresent(domain -> args.add("-c domain=" + domain));
        config.certificateArn().ifPresent(arn -> args.add("-c certificateArn=" + arn));
        return String.join(" ", args);
    }

    private void suppressPipelineFindings() {
        Nag.suppress(pipeline.getSynthProject(),
                Nag.rule("IAM5", "ecr:GetAuthorizationToken is account-wide by design; the build's log streams, "
                        + "report groups and artifact objects are created per run."));
        // Everything else is generated by CDK Pipelines: self-mutation, asset publishing, the artifact bucket.
        Nag.suppress(pipeline,
                Nag.rule("IAM5", "CDK Pipelines' generated policies: artifact objects, CodeBuild log streams and "
                        + "report groups are created per run, and self-mutation must assume the CDK bootstrap roles "
                        + "(role/*); their ARNs end in a wildcard."),
                Nag.rule("S1", "The artifact bucket holds build outputs only, written and read by this pipeline's "
                        + "roles; CloudTrail records API access to it."),
                Nag.rule("CB4", "Build artifacts are encrypted by the artifact bucket's S3-managed key; a customer "
                        + "key adds cost without a second account to share it with."));
    }

    public CodePipeline pipeline() {
        return pipeline;
    }
}
