package io.waymark.infra.pipeline;

import io.waymark.infra.config.ContextKey;
import io.waymark.infra.config.DeploymentConfig;
import io.waymark.infra.service.CollectorImage;
import io.waymark.infra.service.ServiceImage;
import java.util.List;

/**
 * The shell commands of the pipeline's CodeBuild steps. scripts/pipeline-check runs them, as
 * synthesized into the buildspecs, on a CI machine (amd64, with stand-ins for docker and the AWS
 * CLI), so a broken command shows before anyone pays for CodeBuild.
 */
final class PipelineCommands {

    private PipelineCommands() {}

    /**
     * Verify, then synthesize the app for the commit being built, with the pipeline's own context.
     */
    static List<String> buildTestSynth(DeploymentConfig config) {
        String context =
                String.join(
                        " ",
                        config.contextArguments().stream()
                                .filter(
                                        argument ->
                                                !argument.startsWith(
                                                        ContextKey.IMAGE_TAG.argument("")))
                                .toList());
        return List.of(
                "./mvnw -B verify",
                "TAG=$CODEBUILD_RESOLVED_SOURCE_VERSION",
                "cd infra && npx --yes aws-cdk@2 synth "
                        + context
                        + " "
                        + ContextKey.IMAGE_TAG.argument("$TAG"));
    }

    /**
     * Build and push the image of the commit; tags are immutable, so a retried build reuses the
     * pushed image. Buildx is BuildKit, which the Dockerfile's {@code RUN --mount} needs; without
     * provenance and SBOM attestations the push is one image manifest, nothing untagged beside it
     * (https://docs.docker.com/build/attestations/slsa-provenance/). The CodeBuild image ships the
     * buildx plugin (aws/aws-codebuild-docker-images, al/aarch64/standard/3.0/Dockerfile). The
     * trace collector's image is copied beside it ({@link CollectorImage}).
     */
    static List<String> image() {
        return List.of(
                "TAG=$CODEBUILD_RESOLVED_SOURCE_VERSION",
                "aws ecr get-login-password | docker login --username AWS --password-stdin ${REPOSITORY_URI%%/*}",
                CollectorImage.copyCommand(ServiceImage.REPOSITORY),
                "aws ecr describe-images --repository-name "
                        + ServiceImage.REPOSITORY
                        + " --image-ids imageTag=$TAG"
                        + " || (docker buildx build --provenance=false --sbom=false --load"
                        + " -t $REPOSITORY_URI:$TAG . && docker push $REPOSITORY_URI:$TAG)");
    }
}
