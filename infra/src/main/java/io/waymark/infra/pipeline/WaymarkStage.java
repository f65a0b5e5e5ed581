package io.waymark.infra.pipeline;

import io.waymark.infra.config.DeploymentConfig;
import io.waymark.infra.environment.WaymarkStack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.constructs.Construct;

/** One environment as a CDK Pipelines stage; the stage's props carry the region its stack needs. */
public final class WaymarkStage extends Stage {

    private final WaymarkStack stack;

    public WaymarkStage(Construct scope, String id, StageProps props, DeploymentConfig config) {
        super(scope, id, props);
        this.stack =
                new WaymarkStack(
                        this,
                        "Waymark",
                        StackProps.builder()
                                .stackName("Waymark-" + config.envName())
                                .description(
                                        "Waymark "
                                                + config.envName()
                                                + " ("
                                                + DeploymentConfig.lower(config.profile())
                                                + ")")
                                .build(),
                        config);
    }

    public WaymarkStack stack() {
        return stack;
    }
}
