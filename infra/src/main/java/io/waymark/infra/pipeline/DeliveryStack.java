package io.waymark.infra.pipeline;

import io.waymark.infra.config.ContextKey;
import io.waymark.infra.config.DeploymentConfig;
import io.waymark.infra.service.ServiceImage;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.constructs.Construct;

/**
 * Deployed once per account for {@code pipeline=github}: the OIDC roles the workflows in {@code
 * .github/workflows} use (image push, and one deploy role per GitHub environment). The image
 * repository is the {@link ImagesStack}'s, imported by name like the service stacks do, so the
 * CodePipeline may share the account.
 */
public final class DeliveryStack extends Stack {

    /** GitHub environments the deploy workflow uses; prod is approval-protected in GitHub. */
    public static final List<String> ENVIRONMENTS = List.of("dev", "prod");

    public DeliveryStack(Construct scope, String id, StackProps props, DeploymentConfig config) {
        super(scope, id, props);
        String githubRepository =
                config.githubRepository()
                        .orElseThrow(
                                () ->
                                        ContextKey.GITHUB_REPOSITORY.invalid(
                                                "required for pipeline=github: owner/name of the repository whose workflows deploy"));
        IRepository images = Repository.fromRepositoryName(this, "Images", ServiceImage.REPOSITORY);
        GithubRoles roles =
                new GithubRoles(
                        this,
                        "Github",
                        GithubRolesProps.builder()
                                .githubRepository(githubRepository)
                                .branch(config.githubBranch())
                                .environments(ENVIRONMENTS)
                                .repository(images)
                                .existingProvider(config.githubOidcProviderArn())
                                .build());
        CfnOutput.Builder.create(this, "ImageRoleArn")
                .description("GitHub repository variable AWS_IMAGE_ROLE_ARN")
                .value(roles.imageRole().getRoleArn())
                .build();
        roles.deployRoles()
                .forEach(
                        (environment, role) ->
                                CfnOutput.Builder.create(
                                                this,
                                                "DeployRoleArn"
                                                        + Character.toUpperCase(
                                                                environment.charAt(0))
                                                        + environment.substring(1))
                                        .description(
                                                "Variable AWS_DEPLOY_ROLE_ARN of the GitHub environment "
                                                        + environment)
                                        .value(role.getRoleArn())
                                        .build());
        Tags.of(this).add("application", "waymark");
        Tags.of(this).add("managed-by", "cdk");
    }
}
