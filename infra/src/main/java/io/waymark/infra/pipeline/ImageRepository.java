package io.waymark.infra.pipeline;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.ecr.TagStatus;
import software.constructs.Construct;

/**
 * The ECR repository of the service image, made by the delivery stack (the GPS tracker needed one
 * made by hand). Immutable tags: a tag names one build forever, so a rollback redeploys exactly
 * what ran before.
 */
public final class ImageRepository extends Construct {

    /** Repository name; service stacks import it by this name. */
    public static final String NAME = "waymark";

    private final Repository repository;

    public ImageRepository(Construct scope, String id) {
        super(scope, id);
        this.repository =
                Repository.Builder.create(this, "Repository")
                        .repositoryName(NAME)
                        .imageTagMutability(TagMutability.IMMUTABLE)
                        .imageScanOnPush(true)
                        .lifecycleRules(
                                List.of(
                                        LifecycleRule.builder()
                                                .rulePriority(1)
                                                .description("drop untagged layers after a day")
                                                .tagStatus(TagStatus.UNTAGGED)
                                                .maxImageAge(Duration.days(1))
                                                .build(),
                                        LifecycleRule.builder()
                                                .rulePriority(2)
                                                .description("keep the last 30 builds")
                                                .tagStatus(TagStatus.ANY)
                                                .maxImageCount(30)
                                                .build()))
                        // Images are rebuilt from any commit; one cdk destroy must be able to
                        // remove the repository.
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .emptyOnDelete(true)
                        .build();
    }

    public Repository repository() {
        return repository;
    }
}
