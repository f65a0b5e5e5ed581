package io.waymark.infra.pipeline;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.ecr.IRepository;

/**
 * Who may assume the {@link GithubRoles} and what the image role may push to.
 *
 * @param githubRepository {@code owner/name} whose workflows may assume the roles
 * @param branch the branch whose pushes build and push the image
 * @param environments GitHub environments, each with its own deploy role (prod is protected by
 *     approval in GitHub)
 * @param repository ECR repository the workflow pushes to
 * @param existingProvider ARN of an OIDC provider already in the account (only one per URL is
 *     allowed)
 */
@RecordBuilder
@RecordBuilder.Options(useImmutableCollections = true)
public record GithubRolesProps(
        String githubRepository,
        String branch,
        List<String> environments,
        IRepository repository,
        Optional<String> existingProvider) {

    public GithubRolesProps {
        Objects.requireNonNull(githubRepository, "githubRepository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(repository, "repository");
    }

    /**
     * A builder, as CDK's own {@code …Props.builder()}: every field must be set but the optional
     * ones, which default to empty.
     */
    public static GithubRolesPropsBuilder builder() {
        return GithubRolesPropsBuilder.builder();
    }
}
