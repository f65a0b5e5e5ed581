package io.waymark.infra.pipeline;

import io.waymark.infra.nag.Nag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.DefaultStackSynthesizer;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IOidcProvider;
import software.amazon.awscdk.services.iam.OidcProviderNative;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.WebIdentityPrincipal;
import software.constructs.Construct;

/**
 * The roles GitHub Actions assumes through OIDC (no stored AWS keys, unlike the to-do app), one per
 * job kind:
 *
 * <ul>
 *   <li>the image role, trusted only by workflow runs on the deploy branch: it pushes to the ECR
 *       repository and can deploy nothing;
 *   <li>one deploy role per GitHub environment, trusted only by jobs in that environment (OIDC
 *       subject {@code repo:OWNER/NAME:environment:ENV}): it can assume the CDK bootstrap roles and
 *       push nothing.
 * </ul>
 *
 * So a job in {@code dev}, on whatever branch GitHub lets into {@code dev}, cannot assume the prod
 * role; only a job that passed the {@code prod} environment's protection rules (required reviewers,
 * deployment branches) can.
 */
public final class GithubRoles extends Construct {

    static final String ISSUER = "token.actions.githubusercontent.com";
    // Roles created by "cdk bootstrap" (default qualifier): deploy, publish assets, look up
    // context.
    private static final List<String> BOOTSTRAP_ROLES =
            List.of("deploy-role", "file-publishing-role", "image-publishing-role", "lookup-role");

    private final IOidcProvider provider;
    private final Role imageRole;
    private final Map<String, Role> deployRoles = new LinkedHashMap<>();

    public GithubRoles(Construct scope, String id, GithubRolesProps props) {
        super(scope, id);
        this.provider =
                props.existingProvider()
                        .map(arn -> OidcProviderNative.fromOidcProviderArn(this, "Provider", arn))
                        .orElseGet(
                                () ->
                                        OidcProviderNative.Builder.create(this, "Provider")
                                                .url("https://" + ISSUER)
                                                .clientIds(List.of("sts.amazonaws.com"))
                                                .build());
        String repository = props.githubRepository();
        this.imageRole =
                role(
                        "ImageRole",
                        "GitHub Actions image push of "
                                + repository
                                + " (branch "
                                + props.branch()
                                + ")",
                        branchSubject(repository, props.branch()));
        props.repository().grantPullPush(imageRole);
        imageRole.addToPolicy(
                PolicyStatement.Builder.create()
                        .actions(List.of("ecr:DescribeImages"))
                        .resources(List.of(props.repository().getRepositoryArn()))
                        .build());
        Nag.suppress(
                imageRole,
                Nag.rule(
                        "IAM5",
                        "ecr:GetAuthorizationToken has no resource-level permission; every "
                                + "other ECR action is limited to the Waymark repository.",
                        "Resource::*"));
        String qualifier = DefaultStackSynthesizer.DEFAULT_QUALIFIER;
        for (String environment : props.environments()) {
            Role deploy =
                    role(
                            "DeployRole" + capitalized(environment),
                            "GitHub Actions deploy of "
                                    + repository
                                    + " to "
                                    + environment
                                    + " (GitHub environment "
                                    + environment
                                    + " only)",
                            environmentSubject(repository, environment));
            deploy.addToPolicy(
                    PolicyStatement.Builder.create()
                            .actions(List.of("sts:AssumeRole", "sts:TagSession"))
                            .resources(
                                    BOOTSTRAP_ROLES.stream()
                                            .map(
                                                    name ->
                                                            "arn:"
                                                                    + Aws.PARTITION
                                                                    + ":iam::"
                                                                    + Aws.ACCOUNT_ID
                                                                    + ":role/cdk-"
                                                                    + qualifier
                                                                    + "-"
                                                                    + name
                                                                    + "-"
                                                                    + Aws.ACCOUNT_ID
                                                                    + "-"
                                                                    + Aws.REGION)
                                            .toList())
                            .build());
            deployRoles.put(environment, deploy);
        }
    }

    // StringEquals, not StringLike: every subject is exact, so no pattern can widen it.
    private Role role(String id, String description, String subject) {
        return Role.Builder.create(this, id)
                .description(description)
                .assumedBy(
                        new WebIdentityPrincipal(
                                provider.getOpenIdConnectProviderArn(),
                                Map.of(
                                        "StringEquals",
                                        Map.of(
                                                ISSUER + ":aud",
                                                "sts.amazonaws.com",
                                                ISSUER + ":sub",
                                                subject))))
                .maxSessionDuration(Duration.hours(1))
                .build();
    }

    /** OIDC subject of a job that runs without an environment on {@code branch}. */
    static String branchSubject(String repository, String branch) {
        return "repo:" + repository + ":ref:refs/heads/" + branch;
    }

    /** OIDC subject of a job in a GitHub environment (GitHub uses it instead of the ref). */
    static String environmentSubject(String repository, String environment) {
        return "repo:" + repository + ":environment:" + environment;
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    public Role imageRole() {
        return imageRole;
    }

    /**
     * The deploy role of each environment, in the order of {@link GithubRolesProps#environments()}.
     */
    public Map<String, Role> deployRoles() {
        return deployRoles;
    }
}
