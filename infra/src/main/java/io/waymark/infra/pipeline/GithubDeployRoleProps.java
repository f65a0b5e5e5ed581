package io.waymark.infra.pipeline;

import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.services.ecr.IRepository;

/**
 * Who may assume the {@link GithubDeployRole} and what it may push to.
 *
 * @param githubRepository {@code owner/name} whose workflows may assume the role
 * @param branch           the branch whose pushes deploy
 * @param environments     GitHub environments whose jobs deploy (prod is protected by approval in GitHub)
 * @param repository       ECR repository the workflow pushes to
 * @param existingProvider ARN of an OIDC provider already in the account (only one per URL is allowed)
 */
public record GithubDeployRoleProps(
        String githubRepository,
        String branch,
        List<String> environments,
        IRepository repository,
        Optional<String> existingProvider) {
}
