package io.waymark.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.waymark.infra.config.ContextKey;
import io.waymark.infra.config.DeploymentConfig;
import io.waymark.infra.config.InvalidContextException;
import io.waymark.infra.config.PipelineKind;
import io.waymark.infra.environment.WaymarkStack;
import io.waymark.infra.pipeline.DeliveryStack;
import io.waymark.infra.pipeline.ImagesStack;
import io.waymark.infra.pipeline.PipelineStack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The CDK app. Which stacks it contains follows from the context:
 *
 * <ul>
 *   <li>{@code pipeline=github}: {@code WaymarkDelivery} (OIDC roles) when {@code githubRepository}
 *       is given, and {@code Waymark-<env>} when {@code imageTag} is given;
 *   <li>{@code pipeline=codepipeline}: {@code WaymarkPipeline}, which deploys {@code Waymark-dev}
 *       and {@code Waymark-prod} itself;
 *   <li>with either pipeline stack, {@code WaymarkImages}: the ECR repository, the same stack in
 *       both apps.
 * </ul>
 *
 * Every stack is environment-agnostic (no account or AZ lookups), so {@code cdk synth} needs no
 * credentials.
 */
public final class WaymarkApp {

    private WaymarkApp() {}

    /**
     * A context the app refuses ends the process with the one line that names the key, and exit
     * code 2: as an exception it would reach the person running {@code cdk synth} inside ten lines
     * of Maven's {@code [ERROR]} wrapping (exec:java reports what main throws).
     */
    public static void main(String[] args) {
        App app = new App();
        try {
            build(app);
        } catch (InvalidContextException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        app.synth();
    }

    /** Adds the stacks the context asks for, and the cdk-nag checks, to {@code app}. */
    public static List<Stack> build(App app) {
        return build(app, NagPackProps.builder().verbose(true).build());
    }

    /**
     * As {@link #build(App)}, with explicit cdk-nag settings (e.g. ignoring suppressions to list
     * every finding).
     */
    public static List<Stack> build(App app, NagPackProps nagProps) {
        DeploymentConfig config =
                DeploymentConfig.fromContext(key -> app.getNode().tryGetContext(key));
        List<Stack> stacks = new ArrayList<>();
        if (config.pipeline() == PipelineKind.CODEPIPELINE) {
            stacks.add(
                    new PipelineStack(
                            app,
                            "WaymarkPipeline",
                            props("Waymark CodePipeline", "WaymarkPipeline", config),
                            config));
        } else {
            if (config.githubRepository().isPresent()) {
                stacks.add(
                        new DeliveryStack(
                                app,
                                "WaymarkDelivery",
                                props("Waymark GitHub OIDC roles", "WaymarkDelivery", config),
                                config));
            }
            if (config.imageTag().isPresent()) {
                stacks.add(serviceStack(app, config));
            }
            if (stacks.isEmpty()) {
                throw ContextKey.IMAGE_TAG.invalid(
                        "nothing to synthesize: pass "
                                + ContextKey.IMAGE_TAG.argument("<tag>")
                                + " for the "
                                + "service stack Waymark-"
                                + config.envName()
                                + " and/or "
                                + ContextKey.GITHUB_REPOSITORY.argument("owner/name")
                                + " for the WaymarkDelivery stack");
            }
        }
        List<Stack> pushers =
                stacks.stream()
                        .filter(s -> s instanceof PipelineStack || s instanceof DeliveryStack)
                        .toList();
        if (!pushers.isEmpty()) {
            // One owner of the repository for both pipelines; `cdk deploy` of a pipeline deploys it
            // first.
            var images =
                    new ImagesStack(
                            app,
                            ImagesStack.NAME,
                            props("Waymark image repository", ImagesStack.NAME, config));
            pushers.forEach(stack -> stack.addDependency(images, "pushes to its image repository"));
            stacks.addFirst(images);
        }
        Aspects.of(app).add(new AwsSolutionsChecks(nagProps));
        return stacks;
    }

    static WaymarkStack serviceStack(Construct scope, DeploymentConfig config) {
        String name = "Waymark-" + config.envName();
        return new WaymarkStack(
                scope,
                name,
                props(
                        "Waymark "
                                + config.envName()
                                + " ("
                                + DeploymentConfig.lower(config.profile())
                                + ", "
                                + DeploymentConfig.lower(config.ingress())
                                + ", "
                                + DeploymentConfig.lower(config.database())
                                + ")",
                        name,
                        config),
                config);
    }

    // Region only: with the account left to deploy time, CDK never looks anything up during
    // synthesis.
    private static StackProps props(String description, String name, DeploymentConfig config) {
        return StackProps.builder()
                .stackName(name)
                .description(description)
                .env(Environment.builder().region(config.region()).build())
                .build();
    }

    /**
     * An app with the given context writing its assembly to {@code outdir} (tests and the cost
     * report).
     */
    public static App appWithContext(Map<String, ?> context, String outdir) {
        return new App(AppProps.builder().context(new HashMap<>(context)).outdir(outdir).build());
    }
}
