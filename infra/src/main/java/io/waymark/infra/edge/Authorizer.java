package io.waymark.infra.edge;

import io.waymark.infra.config.ContextKey;
import io.waymark.infra.nag.Nag;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaResponseType;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The JWT authorizer Lambda (module {@code authorizer/}): verifies tokens locally against the
 * cached JWKS, so it needs no VPC and never calls the service per request. SnapStart runs on the
 * published version behind the {@code live} alias, which API Gateway invokes.
 */
public final class Authorizer extends Construct {

    static final String HANDLER = "io.waymark.authorizer.AuthorizerHandler::handleRequest";

    private final Function function;
    private final HttpLambdaAuthorizer httpAuthorizer;

    public Authorizer(Construct scope, String id, AuthorizerProps props) {
        super(scope, id);
        if (!Files.exists(props.asset())) {
            throw ContextKey.AUTHORIZER_JAR.invalid(
                    "'"
                            + props.asset().toAbsolutePath().normalize()
                            + "' does not exist; build it with ./mvnw -pl authorizer -am package or point "
                            + ContextKey.AUTHORIZER_JAR.argument("...")
                            + " at it");
        }
        LogGroup logs =
                LogGroup.Builder.create(this, "Logs")
                        .retention(props.logRetention())
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build();
        // An own role instead of AWSLambdaBasicExecutionRole: write to this log group and nothing
        // else.
        Role role =
                Role.Builder.create(this, "Role")
                        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                        .description("Waymark JWT authorizer: writes its own logs, nothing else")
                        .build();
        role.addToPolicy(
                PolicyStatement.Builder.create()
                        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                        .resources(List.of(logs.getLogGroupArn() + ":*"))
                        .build());
        this.function =
                Function.Builder.create(this, "Function")
                        .description("Waymark JWT authorizer for the HTTP API")
                        .runtime(Runtime.JAVA_21)
                        .architecture(Architecture.ARM_64)
                        .handler(HANDLER)
                        .code(Code.fromAsset(props.asset().toString()))
                        .memorySize(512)
                        .timeout(Duration.seconds(10))
                        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                        .role(role)
                        .logGroup(logs)
                        .environment(
                                Map.of(
                                        "JWKS_URL", props.jwksUrl(),
                                        "TOKEN_ISSUER", props.issuer(),
                                        // C1 only: a short-lived function gains nothing from C2
                                        // compilation but start-up time.
                                        "JAVA_TOOL_OPTIONS",
                                                "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))
                        .build();
        Nag.suppress(
                role,
                Nag.ruleMatching(
                        "IAM5",
                        "Log streams are created at run time; the policy is scoped to "
                                + "this function's own log group.",
                        "/^Resource::<.*AuthorizerLogs.*\\.Arn>:\\*$/"));
        Nag.suppress(
                function,
                Nag.rule(
                        "L1",
                        "The authorizer targets Java 21, the release the whole reactor "
                                + "compiles for (DESIGN.md); it moves with the build, not with the newest Lambda runtime."));
        // CDK warns that SnapStart needs a published version: the live alias below publishes one
        // per change.
        Annotations.of(function)
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "published through the live alias");
        Alias live =
                Alias.Builder.create(this, "Live")
                        .aliasName("live")
                        .version(function.getCurrentVersion())
                        .build();
        this.httpAuthorizer =
                new HttpLambdaAuthorizer(
                        "JwtAuthorizer",
                        live,
                        HttpLambdaAuthorizerProps.builder()
                                .authorizerName("waymark-jwt")
                                .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                                .identitySource(List.of("$request.header.Authorization"))
                                // Cached per token for 5 minutes: most requests never invoke the
                                // Lambda.
                                .resultsCacheTtl(Duration.minutes(5))
                                .build());
    }

    public HttpLambdaAuthorizer httpAuthorizer() {
        return httpAuthorizer;
    }

    public Function function() {
        return function;
    }
}
