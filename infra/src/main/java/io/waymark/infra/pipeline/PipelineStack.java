package io.waymark.infra.pipeline;

import io.waymark.infra.config.ContextKey;
import io.waymark.infra.config.DeploymentConfig;
import io.waymark.infra.nag.Nag;
import io.waymark.infra.service.ServiceImage;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.StageProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.pipelines.AddStageOpts;
import software.amazon.awscdk.pipelines.CodeBuildOptions;
import software.amazon.awscdk.pipelines.CodeBuildStep;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ConnectionSourceOptions;
import software.amazon.awscdk.pipelines.ManualApprovalStep;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.BuildEnvironmentVariable;
import software.amazon.awscdk.services.codebuild.BuildSpec;
import software.amazon.awscdk.services.codebuild.CloudWatchLoggingOptions;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.LinuxArmBuildImage;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.services.codebuild.LoggingOptions;
import software.amazon.awscdk.services.codepipeline.PipelineType;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * {@code pipeline=codepipeline}: a self-mutating CDK Pipelines pipeline (one pipeline instead of
 * the GPS tracker's three). Source from a CodeStar connection; a build step on an x86_64 builder
 * runs {@code ./mvnw verify} and synthesizes the app for the commit; the pipeline updates itself;
 * an ARM builder builds and pushes the image (the tasks are ARM64) before dev deploys; then a
 * manual approval and prod.
 */
public final class PipelineStack extends Stack {

    /**
     * CodeBuild's default runtimes are Corretto 17 and an old Node.js: the reactor compiles for
     * release 21, and the CDK CLI and jsii want a current Node.js. Pinned here, the buildspec
     * cannot drift with the image.
     */
    static final Map<String, String> RUNTIME_VERSIONS =
            Map.of("java", "corretto21", "nodejs", "22");

    private final CodePipeline pipeline;
    private final List<WaymarkStage> stages;

    public PipelineStack(Construct scope, String id, StackProps props, DeploymentConfig config) {
        super(scope, id, props);
        config.githubRepository()
                .orElseThrow(
                        () ->
                                ContextKey.GITHUB_REPOSITORY.invalid(
                                        "required for pipeline=codepipeline: owner/name of the source repository"));
        String connectionArn =
                config.connectionArn()
                        .orElseThrow(
                                () ->
                                        ContextKey.CONNECTION_ARN.invalid(
                                                "required for pipeline=codepipeline: ARN of an AVAILABLE CodeStar connection to GitHub"));
        // The ImagesStack's, which this stack depends on (WaymarkApp).
        IRepository images = Repository.fromRepositoryName(this, "Images", ServiceImage.REPOSITORY);
        // A year, like prod's logs: these builds are what reached prod.
        LogGroup buildLogs =
                LogGroup.Builder.create(this, "BuildLogs")
                        .retention(RetentionDays.ONE_YEAR)
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build();

        var source =
                CodePipelineSource.connection(
                        config.githubRepository().get(),
                        config.githubBranch(),
                        ConnectionSourceOptions.builder().connectionArn(connectionArn).build());
        // x86_64: the service tests' embedded PostgreSQL ships linux-amd64 binaries only.
        CodeBuildStep synth =
                CodeBuildStep.Builder.create("BuildTestSynth")
                        .input(source)
                        .env(Map.of("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20"))
                        .buildEnvironment(
                                BuildEnvironment.builder()
                                        .buildImage(LinuxBuildImage.AMAZON_LINUX_2023_5)
                                        .computeType(ComputeType.LARGE)
                                        .build())
                        .partialBuildSpec(runtimeVersions())
                        .commands(PipelineCommands.buildTestSynth(config))
                        .primaryOutputDirectory("infra/cdk.out")
                        .build();
        this.pipeline =
                CodePipeline.Builder.create(this, "Pipeline")
                        .pipelineName("waymark")
                        .synth(synth)
                        .selfMutation(true)
                        // V2: billed per action minute instead of $1 per pipeline-month, and the
                        // current type.
                        .pipelineType(PipelineType.V2)
                        // Single account: no cross-account KMS key ($1/month) needed for the
                        // artifacts.
                        .crossAccountKeys(false)
                        // Every CodeBuild project (build, image, self-mutation, assets) logs to one
                        // group with retention.
                        .codeBuildDefaults(
                                CodeBuildOptions.builder()
                                        .logging(
                                                LoggingOptions.builder()
                                                        .cloudWatch(
                                                                CloudWatchLoggingOptions.builder()
                                                                        .logGroup(buildLogs)
                                                                        .build())
                                                        .build())
                                        .build())
                        .build();
        var dev =
                new WaymarkStage(
                        this, "Dev", stageProps(config), config.forPipelineEnvironment("dev"));
        var prod =
                new WaymarkStage(
                        this, "Prod", stageProps(config), config.forPipelineEnvironment("prod"));
        this.stages = List.of(dev, prod);
        pipeline.addStage(
                dev, AddStageOpts.builder().pre(List.of(imageStep(source, images))).build());
        pipeline.addStage(
                prod,
                AddStageOpts.builder()
                        .pre(
                                List.of(
                                        ManualApprovalStep.Builder.create("PromoteToProd")
                                                .comment(
                                                        "Dev is deployed and smoke-tested: promote this commit to prod?")
                                                .build()))
                        .build());
        pipeline.buildPipeline();
        suppressPipelineFindings();
        Tags.of(this).add("application", "waymark");
        Tags.of(this).add("managed-by", "cdk");
    }

    // The tasks run on ARM64: build the image natively on an ARM builder (privileged for the Docker
    // daemon).
    private static CodeBuildStep imageStep(CodePipelineSource source, IRepository images) {
        return CodeBuildStep.Builder.create("Image")
                .input(source)
                .buildEnvironment(
                        BuildEnvironment.builder()
                                .buildImage(LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0)
                                .computeType(ComputeType.LARGE)
                                .privileged(true)
                                .environmentVariables(
                                        Map.of(
                                                "REPOSITORY_URI",
                                                BuildEnvironmentVariable.builder()
                                                        .value(images.getRepositoryUri())
                                                        .build()))
                                .build())
                .commands(PipelineCommands.image())
                .rolePolicyStatements(
                        List.of(
                                PolicyStatement.Builder.create()
                                        .actions(List.of("ecr:GetAuthorizationToken"))
                                        .resources(List.of("*"))
                                        .build(),
                                PolicyStatement.Builder.create()
                                        .actions(
                                                List.of(
                                                        "ecr:BatchCheckLayerAvailability",
                                                        "ecr:InitiateLayerUpload",
                                                        "ecr:UploadLayerPart",
                                                        "ecr:CompleteLayerUpload",
                                                        "ecr:PutImage",
                                                        "ecr:BatchGetImage",
                                                        "ecr:DescribeImages"))
                                        .resources(List.of(images.getRepositoryArn()))
                                        .build()))
                .build();
    }

    private static BuildSpec runtimeVersions() {
        return BuildSpec.fromObject(
                Map.of("phases", Map.of("install", Map.of("runtime-versions", RUNTIME_VERSIONS))));
    }

    // The region, like a service stack's: the ALB's access logging needs it at synth time.
    private static StageProps stageProps(DeploymentConfig config) {
        return StageProps.builder()
                .env(Environment.builder().region(config.region()).build())
                .build();
    }

    private void suppressPipelineFindings() {
        Nag.suppress(
                pipeline.getSynthProject(),
                Nag.rule(
                        "IAM5",
                        "The build's log streams, report groups and artifact objects are created per run."));
        // Everything else is generated by CDK Pipelines: self-mutation, asset publishing, the
        // artifact bucket.
        Nag.suppress(
                pipeline,
                Nag.rule(
                        "IAM5",
                        "CDK Pipelines' generated policies: artifact objects, CodeBuild log streams and "
                                + "report groups are created per run, self-mutation must assume the CDK bootstrap roles "
                                + "(role/*), and the image step's ecr:GetAuthorizationToken is account-wide by design."),
                Nag.rule(
                        "CB3",
                        "The image step builds and pushes a Docker image, which needs the Docker daemon of a "
                                + "privileged build; it runs only this repository's Dockerfile."),
                Nag.rule(
                        "S1",
                        "The artifact bucket holds build outputs only, written and read by this pipeline's "
                                + "roles; CloudTrail records API access to it."),
                Nag.rule(
                        "CB4",
                        "Build artifacts are encrypted by the artifact bucket's S3-managed key; a customer "
                                + "key adds cost without a second account to share it with."));
    }

    public CodePipeline pipeline() {
        return pipeline;
    }

    /** The stages it deploys, dev first. */
    public List<WaymarkStage> stages() {
        return stages;
    }
}
