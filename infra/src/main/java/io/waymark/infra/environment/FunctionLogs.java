package io.waymark.infra.environment;

import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sam.CfnApplication;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A log group of the stack, with retention, for every Lambda function, CDK's helpers included
 * (auto-delete-objects, LogRetention) and the secret rotation functions of the Serverless
 * Application Repository: left to itself Lambda creates {@code /aws/lambda/<name>} on first run,
 * without expiry, and {@code cdk destroy} leaves it behind.
 */
final class FunctionLogs extends Construct {

    private final RetentionDays retention;

    private FunctionLogs(Construct scope, RetentionDays retention) {
        super(scope, "FunctionLogs");
        this.retention = retention;
    }

    /** Call once every function of the stack exists. */
    static void own(Stack stack, RetentionDays retention) {
        var functionLogs = new FunctionLogs(stack, retention);
        for (IConstruct node : stack.getNode().findAll()) {
            if (node instanceof CfnFunction function && function.getLoggingConfig() != null) {
                continue;
            }
            if (node instanceof CfnResource resource) {
                switch (resource.getCfnResourceType()) {
                    case "AWS::Lambda::Function" -> functionLogs.redirect(resource);
                    case "AWS::Serverless::Application" -> functionLogs.precreate(resource);
                    default -> {}
                }
            }
        }
    }

    // The helpers take no log group setting; the template property does the same.
    private void redirect(CfnResource function) {
        function.addPropertyOverride(
                "LoggingConfig.LogGroup", group(function, null).getLogGroupName());
    }

    // The rotation function is made in the application's nested stack under the name CDK passes it,
    // so its default group can exist first; the application (and the function) goes before the
    // group on destroy, so nothing writes to it afterwards.
    @SuppressWarnings("unchecked")
    private void precreate(CfnResource application) {
        var parameters =
                (Map<String, Object>)
                        Stack.of(this).resolve(((CfnApplication) application).getParameters());
        Object name = parameters.get("functionName");
        if (!(name instanceof String functionName)) {
            throw new IllegalStateException(
                    application.getNode().getPath() + " names no function: " + parameters);
        }
        application.getNode().addDependency(group(application, "/aws/lambda/" + functionName));
    }

    private LogGroup group(CfnResource owner, String name) {
        return LogGroup.Builder.create(this, Names.nodeUniqueId(owner.getNode()) + "Logs")
                .logGroupName(name)
                .retention(retention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }
}
