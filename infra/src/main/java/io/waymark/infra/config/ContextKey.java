package io.waymark.infra.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every CDK context key of a Waymark deployment ({@code -c key=value} or {@code cdk.json}), spelled
 * once: each constant reads its value (typed, every failure naming the key), {@link
 * DeploymentConfig} validates the whole, and {@link DeploymentConfig#contextArguments()} writes the
 * keys back. The table in docs/deploying-to-aws.md lists them for people; {@code ContextKeyTest}
 * keeps the two alike.
 */
public enum ContextKey {
    /** {@code lean} (default) or {@code standard}. */
    PROFILE("profile"),
    /** {@code apigateway} (default) or {@code alb}. */
    INGRESS("ingress"),
    /** {@code sqlite} (lean default), {@code postgres} (standard default) or {@code mongodb}. */
    DATABASE("database"),
    /** {@code github} (default) or {@code codepipeline}. */
    PIPELINE("pipeline"),
    /** Environment name, part of every stack and resource name (dev, prod, ...). */
    ENV("env"),
    /** Immutable image tag in the app's ECR repository; required for service stacks. */
    IMAGE_TAG("imageTag"),
    /** Optional custom domain of the API ({@code pipeline=codepipeline}: prod's). */
    DOMAIN("domain"),
    /** ACM certificate for {@link #DOMAIN}. */
    CERTIFICATE_ARN("certificateArn"),
    /** Optional address subscribed to the alarm topic. */
    ALARM_EMAIL("alarmEmail"),
    /** Lambda authorizer asset (jar file or directory). */
    AUTHORIZER_JAR("authorizerJar"),
    /** {@code owner/name} trusted by the deploy role or watched by CodePipeline. */
    GITHUB_REPOSITORY("githubRepository"),
    /** Branch that deploys ({@code main}). */
    GITHUB_BRANCH("githubBranch"),
    /** Existing GitHub OIDC provider to reuse (an account holds only one per URL). */
    GITHUB_OIDC_PROVIDER_ARN("githubOidcProviderArn"),
    /** CodeStar connection for {@code pipeline=codepipeline}. */
    CONNECTION_ARN("connectionArn"),
    /** Fargate CPU units of one task. */
    TASK_CPU("taskCpu"),
    /** Fargate memory of one task, MiB. */
    TASK_MEMORY("taskMemory"),
    /** Autoscaling lower bound (standard only). */
    MIN_TASKS("minTasks"),
    /** Autoscaling upper bound (standard only). */
    MAX_TASKS("maxTasks"),
    /** CPU % that target tracking holds (standard only). */
    CPU_THRESHOLD("cpuThreshold"),
    /** Memory % that raises the MemoryHigh alarm. */
    MEMORY_THRESHOLD("memoryThreshold"),
    /**
     * {@code true}: a non-prod test environment may run an ALB without a domain, on plain HTTP
     * (passwords and tokens in clear text); refused in prod.
     */
    ALLOW_PLAIN_HTTP("allowPlainHttp"),
    /** AZ IDs of the subnets (e.g. use1-az1); absent: from the VPC-link table or Fn::GetAZs. */
    AVAILABILITY_ZONE_IDS("availabilityZoneIds"),
    /** {@code pipeline=codepipeline}: custom domain of the dev stage. */
    DEV_DOMAIN("devDomain"),
    /** ACM certificate for {@link #DEV_DOMAIN}. */
    DEV_CERTIFICATE_ARN("devCertificateArn"),
    /**
     * Target region; absent: {@code CDK_DEFAULT_REGION} (set by the CLI from the AWS profile, no
     * network call), else us-east-1.
     */
    REGION("region"),
    /** {@code none} (default) or {@code xray}: an ADOT collector sends traces to X-Ray. */
    TRACING("tracing");

    private final String key;

    ContextKey(String key) {
        this.key = key;
    }

    /** How the key is spelled in context. */
    public String key() {
        return key;
    }

    /** The trimmed value, or empty when the key is absent or blank. */
    public Optional<String> read(Function<String, Object> context) {
        Object raw = context.apply(key);
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.toString().trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** One of {@code type}'s constants, spelled in lower case; {@code fallback} when absent. */
    public <E extends Enum<E>> E choice(
            Function<String, Object> context, Class<E> type, E fallback) {
        Optional<String> value = read(context);
        if (value.isEmpty()) {
            return fallback;
        }
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> DeploymentConfig.lower(constant).equals(value.get()))
                .findFirst()
                .orElseThrow(
                        () ->
                                invalid(
                                        "'"
                                                + value.get()
                                                + "' is not one of "
                                                + String.join(
                                                        ", ",
                                                        Arrays.stream(type.getEnumConstants())
                                                                .map(DeploymentConfig::lower)
                                                                .toList())));
    }

    /** The value when it matches {@code pattern}; {@code expected} says what it should be. */
    public Optional<String> matching(
            Function<String, Object> context, Pattern pattern, String expected) {
        Optional<String> value = read(context);
        value.filter(v -> !pattern.matcher(v).matches())
                .ifPresent(
                        v -> {
                            throw invalid("'" + v + "' is not " + expected);
                        });
        return value;
    }

    /** {@code true} or {@code false}; false when absent. */
    public boolean bool(Function<String, Object> context) {
        return read(context)
                .map(
                        v ->
                                switch (v) {
                                    case "true" -> true;
                                    case "false" -> false;
                                    default -> throw invalid("'" + v + "' is not true or false");
                                })
                .orElse(false);
    }

    /** A whole number from {@code min} to {@code max}. */
    public Optional<Integer> integer(Function<String, Object> context, int min, int max) {
        return read(context)
                .map(
                        v -> {
                            try {
                                int number = Integer.parseInt(v);
                                if (number >= min && number <= max) {
                                    return number;
                                }
                            } catch (NumberFormatException notANumber) {
                                // reported below with the allowed range
                            }
                            throw invalid(
                                    "'" + v + "' is not a whole number from " + min + " to " + max);
                        });
    }

    /** {@code -c key=value}, as the CLI takes it. */
    public String argument(String value) {
        return "-c " + key + "=" + value;
    }

    /** A synthesis error naming this key. */
    public InvalidContextException invalid(String message) {
        return new InvalidContextException(this, message);
    }

    /** The key as spelled in context, so messages can quote it. */
    @Override
    public String toString() {
        return key;
    }
}
