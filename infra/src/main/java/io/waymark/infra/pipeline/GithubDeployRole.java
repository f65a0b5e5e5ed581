package io.waymark.infra.pipeline;

import io.waymark.infra.nag.Nag;
import java.util.ArrayList;
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
 * The role GitHub Actions assumes through OIDC (no stored AWS keys, unlike the to-do app). Only workflows of one
 * repository, on the deploy branch or in the listed environments, can assume it; it can push the image and
 * assume the CDK bootstrap roles, nothing else — what it may deploy is bounded by the bootstrap's policies.
 */
public final class GithubDeployRole extends Construct {

    static final String ISSUER = "token.actions.githubusercontent.com";
    // Roles created by "cdk bootstrap" (default qualifier): deploy, publish assets, look up context.
    private static final List<String> BOOTSTRAP_ROLES =
            List.of("deploy-role", "file-publishing-role", "image-publishing-role", "lookup-role");

    private final Role role;

    public GithubDeployRole(Construct scope, String id, GithubDeployRoleProps props) {
        super(scope, id);
        IOidcProvider provider = props.existingProvider()
                .map(arn -> OidcProviderNative.fromOidcProviderArn(this, "Provider", arn))
                .orElseGet(() -> OidcProviderNative.Builder.create(this, "Provider")
                        .url("https://" + ISSUER)
                        .clientIds(List.of("sts.amazonaws.com"))
                        .build());
        List<String> subjects = subjects(props.githubRepository(), props.branch(), props.environments());
        this.role = Role.Builder.create(this, "Role")
                .description("GitHub Actions deploy role of " + props.githubRepository())
                .assumedBy(new WebIdentityPrincipal(provider.getOpenIdConnectProviderArn(), Map.of(
                        "StringEquals", Map.of(ISSUER + ":aud", "sts.amazonaws.com"),
                        "StringLike", Map.of(ISSUER + ":sub", subjects))))
                .maxSessionDuration(Duration.hours(1))
                .build();
        String qualifier = DefaultStackSynthesizer.DEFAULT_QUALIFIER;
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sts:AssumeRole", "sts:TagSession"))
                .resources(BOOTSTRAP_ROLES.stream()
                        .map(name -> "arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":role/cdk-" + qualifier + "-"
                                + name + "-" + Aws.ACCOUNT_ID + "-" + Aws.REGION)
                        .toList())
                .build());
        props.repository().grantPullPush(role);
        Nag.suppress(role, Nag.rule("IAM5", "ecr:GetAuthorizationToken has no resource-level permission; every "
                + "other ECR action is limited to the Waymark repository.", "Resource::*"));
    }

    public Role role() {
        return role;
    }

    /** The subjects ({@code sub} claims) the trust policy accepts. */
    static List<String> subjects(String repository, String branch, List<String> environments) {
        List<String> subjects = new ArrayList<>();
        subjects.add("repo:" + repository + ":ref:refs/heads/" + branch);
        environments.forEach(env -> subjects.add("repo:" + repository + ":environment:" + env));
        return subjects;
    }
}
