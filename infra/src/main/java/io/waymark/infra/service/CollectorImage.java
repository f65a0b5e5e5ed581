package io.waymark.infra.service;

/**
 * The X-Ray collector's image ({@code -c tracing=xray}), kept in the service's own repository.
 *
 * <p>A task pulls every container's image before any container starts, and a failed pull stops the
 * task whether the container is essential or not. From another registry (a pull-through cache of
 * ECR Public before), the optional collector could keep the service from starting; from the
 * service's repository it fails only where the service's own image fails too. The image builds (the
 * GitHub image job, the CodePipeline image step) copy it there registry to registry, once per
 * version.
 */
public final class CollectorImage {

    /**
     * A pinned release of the AWS Distro for OpenTelemetry collector, bumped deliberately: its
     * configuration keys change between versions.
     */
    public static final String UPSTREAM =
            "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0";

    /** Its tag in the service's repository. */
    public static final String TAG = "aws-otel-collector-v0.40.0";

    private CollectorImage() {}

    /**
     * The shell command that copies it into {@code $REPOSITORY_URI} unless it is there (tags are
     * immutable): the image builds run it after signing in to ECR.
     */
    public static String copyCommand(String repositoryName) {
        return "aws ecr describe-images --repository-name "
                + repositoryName
                + " --image-ids imageTag="
                + TAG
                + " >/dev/null || docker buildx imagetools create --tag $REPOSITORY_URI:"
                + TAG
                + " "
                + UPSTREAM;
    }
}
