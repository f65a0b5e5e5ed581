package io.waymark.infra.pipeline;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * {@code WaymarkImages}: the image repository, once per account and region, for either pipeline.
 * The delivery stack and the pipeline stack import the repository by name and depend on this stack,
 * so {@code cdk deploy} of either deploys it first, and deploying both in one account creates the
 * repository once (CloudFormation cannot create a named repository twice).
 */
public final class ImagesStack extends Stack {

    /** Its stack name, the same in every app that contains it. */
    public static final String NAME = "WaymarkImages";

    public ImagesStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        ImageRepository images = new ImageRepository(this, "Images");
        CfnOutput.Builder.create(this, "RepositoryUri")
                .description("ECR repository the pipelines push the image to")
                .value(images.repository().getRepositoryUri())
                .build();
        Tags.of(this).add("application", "waymark");
        Tags.of(this).add("managed-by", "cdk");
    }
}
