package io.waymark.infra.pipeline;

import io.waymark.infra.service.ServiceImage;
import java.util.stream.Collectors;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ecr.CfnRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.constructs.Construct;

/**
 * The ECR repository of the service image (the GPS tracker needed one made by hand), owned by the
 * {@link ImagesStack} alone. Immutable tags: a tag names one build forever, so a rollback redeploys
 * exactly what ran before.
 *
 * <p>Lifecycle: an image expires only when nothing has pulled it for {@link #UNPULLED_DAYS}, never
 * by count or push age. ECS pulls the image at every task start, so the image a stage runs is
 * pulled again at each deployment, scale-out, replacement and the rotation redeploy, and the image
 * it can roll back to was pulled when it last ran. A count ("the last 30") ignores that and counts
 * every ECR image: one multi-arch build is an index and two untagged platform manifests. An
 * untagged rule by push age would delete the platform manifests of a tagged index: ECR's lifecycle
 * does not tie them to their index (https://github.com/aws/containers-roadmap/issues/1466, still a
 * feature request). A year, because a single stable task (lean) pulls only when it is replaced,
 * which can be months apart; the price is a year of unused builds in storage, their shared layers
 * stored once. What remains: an environment that starts no task for a whole year; redeploying it
 * (or any pull of its tag) restarts the clock.
 */
public final class ImageRepository extends Construct {

    /** Days without a pull after which ECR may expire an image. */
    static final int UNPULLED_DAYS = 365;

    private final Repository repository;

    public ImageRepository(Construct scope, String id) {
        super(scope, id);
        this.repository =
                Repository.Builder.create(this, "Repository")
                        .repositoryName(ServiceImage.REPOSITORY)
                        .imageTagMutability(TagMutability.IMMUTABLE)
                        .imageScanOnPush(true)
                        // Images are rebuilt from any commit; one cdk destroy must be able to
                        // remove the repository.
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .emptyOnDelete(true)
                        .build();
        // CDK's LifecycleRule knows only imageCountMoreThan and sinceImagePushed; the L1 property
        // takes ECR's policy text, whose template lists countType sinceImagePulled:
        // https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html ECR
        // refreshes an image's lastRecordedPullTime at least once a day (ImageDetail), fine for a
        // rule counted in days:
        // https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ecr/aws.sdk.kotlin.services.ecr.model/-image-detail/last-recorded-pull-time.html
        ((CfnRepository) repository.getNode().getDefaultChild())
                .setLifecyclePolicy(
                        CfnRepository.LifecyclePolicyProperty.builder()
                                .lifecyclePolicyText(lifecyclePolicy())
                                .build());
    }

    // One line: the template and its diffs stay readable.
    static String lifecyclePolicy() {
        return """
                {"rules": [{
                  "rulePriority": 1,
                  "description": "expire an image only when nothing pulled it for %d days",
                  "selection": {"tagStatus": "any", "countType": "sinceImagePulled",
                                "countUnit": "days", "countNumber": %d},
                  "action": {"type": "expire"}
                }]}"""
                .formatted(UNPULLED_DAYS, UNPULLED_DAYS)
                .lines()
                .map(String::strip)
                .collect(Collectors.joining(" "));
    }

    public Repository repository() {
        return repository;
    }
}
