package io.waymark.infra.service;

import io.waymark.infra.nag.Nag;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * Replaces the tasks after the database password rotated. ECS resolves the secret once, when a task
 * starts, so without this a running task keeps the old password: its open connections keep working,
 * but every new pool connection fails until the task is replaced.
 *
 * <p>Why single-user rotation plus a rolling redeploy, and not the alternating-users scheme: the
 * hosted multi-user rotation functions only clone a user that already exists and logs in, and
 * nothing here could create that first application user without the service (or a hand-written
 * Lambda) running SQL as the master user. With single-user rotation the window is the few minutes
 * between the password change and the end of the redeploy; a pool's connections are recycled every
 * 30 minutes by default, so few or no requests meet it.
 *
 * <p>EventBridge receives Secrets Manager's {@code RotationSucceeded} through CloudTrail; a
 * one-step Express state machine calls {@code ecs:UpdateService} with {@code forceNewDeployment},
 * so there is no Lambda code.
 */
public final class RedeployOnRotation extends Construct {

    private final Rule rule;

    public RedeployOnRotation(
            Construct scope,
            String id,
            ISecret secret,
            FargateService service,
            RetentionDays logRetention) {
        super(scope, id);
        var forceNewDeployment =
                CallAwsService.Builder.create(this, "ForceNewDeployment")
                        .service("ecs")
                        .action("updateService")
                        .parameters(
                                Map.of(
                                        "Cluster", service.getCluster().getClusterArn(),
                                        "Service", service.getServiceArn(),
                                        "ForceNewDeployment", true))
                        .iamResources(List.of(service.getServiceArn()))
                        .build();
        LogGroup logs =
                LogGroup.Builder.create(this, "Logs")
                        .retention(logRetention)
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build();
        StateMachine machine =
                StateMachine.Builder.create(this, "StateMachine")
                        .stateMachineType(StateMachineType.EXPRESS)
                        .definitionBody(DefinitionBody.fromChainable(forceNewDeployment))
                        .timeout(Duration.minutes(1))
                        .tracingEnabled(true)
                        .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).build())
                        .build();
        this.rule =
                Rule.Builder.create(this, "RotationSucceeded")
                        .description("Redeploy the Waymark tasks with the new database credentials")
                        .eventPattern(
                                EventPattern.builder()
                                        .source(List.of("aws.secretsmanager"))
                                        .detailType(List.of("AWS Service Event via CloudTrail"))
                                        .detail(
                                                Map.of(
                                                        "eventSource",
                                                                List.of(
                                                                        "secretsmanager.amazonaws.com"),
                                                        "eventName", List.of("RotationSucceeded"),
                                                        "additionalEventData",
                                                                Map.of(
                                                                        "SecretId",
                                                                        List.of(
                                                                                secret
                                                                                        .getSecretArn()))))
                                        .build())
                        .targets(List.of(new SfnStateMachine(machine)))
                        .build();
        Nag.suppress(
                machine,
                Nag.rule(
                        "IAM5",
                        "X-Ray and CloudWatch Logs delivery APIs the state machine role "
                                + "needs have no resource-level permissions.",
                        "Resource::*"));
    }

    public Rule rule() {
        return rule;
    }
}
