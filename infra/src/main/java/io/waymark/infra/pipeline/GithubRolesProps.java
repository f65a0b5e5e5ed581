package io.waymark.infra.pipeline;

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
public record GithubRolesProps(
        String githubRepository,
        String branch,
        List<String> environments,
        IRepository repository,
        Optional<String> existingProvider) {

    /** A builder: every field must be set but the optional ones, which default to empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link GithubRolesProps} field by field, as CDK's own {@code …Props.builder()}. */
    public static final class Builder {
        private String githubRepository;
        private String branch;
        private List<String> environments = List.of();
        private IRepository repository;
        private Optional<String> existingProvider = Optional.empty();

        private Builder() {}

        public Builder githubRepository(String githubRepository) {
            this.githubRepository = githubRepository;
            return this;
        }

        public Builder branch(String branch) {
            this.branch = branch;
            return this;
        }

        public Builder environments(List<String> environments) {
            this.environments = environments;
            return this;
        }

        public Builder repository(IRepository repository) {
            this.repository = repository;
            return this;
        }

        public Builder existingProvider(Optional<String> existingProvider) {
            this.existingProvider = existingProvider;
            return this;
        }

        public GithubRolesProps build() {
            return new GithubRolesProps(
                    Objects.requireNonNull(githubRepository, "githubRepository"),
                    Objects.requireNonNull(branch, "branch"),
                    environments,
                    Objects.requireNonNull(repository, "repository"),
                    existingProvider);
        }
    }
}
