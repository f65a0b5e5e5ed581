package io.waymark.infra.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every switch of a Waymark deployment, read from CDK context ({@code -c key=value} or {@code
 * cdk.json}) and validated before any construct is made, so a typo fails synthesis with one line
 * naming the key.
 *
 * <p>Allowed combinations (anything else is rejected with the reason):
 *
 * <ul>
 *   <li>{@code lean} + {@code apigateway} + {@code sqlite} — one task, SQLite has a single writer;
 *   <li>{@code standard} + {@code apigateway|alb} + {@code postgres|mongodb} — two or more tasks
 *       need a shared network database.
 * </ul>
 *
 * @param profile lean or standard
 * @param ingress API Gateway (default) or ALB
 * @param database sqlite (lean default), postgres (standard default) or mongodb
 * @param pipeline github (default) or codepipeline
 * @param envName environment name, part of every stack and resource name (dev, prod, ...)
 * @param imageTag immutable image tag in the app's ECR repository; required for service stacks
 * @param domain optional custom domain of the API
 * @param certificateArn ACM certificate for {@code domain}
 * @param alarmEmail optional address subscribed to the alarm topic
 * @param authorizerJar Lambda authorizer asset (jar file or directory)
 * @param githubRepository {@code owner/name} trusted by the deploy role or watched by CodePipeline
 * @param githubBranch branch that deploys
 * @param githubOidcProviderArn existing GitHub OIDC provider to reuse (an account holds only one
 *     per URL)
 * @param connectionArn CodeStar connection for {@code pipeline=codepipeline}
 * @param sizing task size, task count bounds and thresholds
 * @param allowPlainHttp {@code allowPlainHttp=true}: a non-prod test environment may run an ALB
 *     without a domain, on plain HTTP (passwords and tokens in clear text); refused in prod
 * @param availabilityZoneIds AZ IDs of the subnets (e.g. use1-az1); empty: the region's first AZs
 *     (Fn::GetAZs)
 * @param devDomain {@code pipeline=codepipeline}: custom domain of the dev stage ({@code domain} is
 *     prod's)
 * @param devCertificateArn ACM certificate for {@code devDomain}
 * @param region target region: context {@code region}, else {@code CDK_DEFAULT_REGION} (set by the
 *     CLI from the AWS profile, no network call), else us-east-1. The account stays unresolved, so
 *     synthesis performs no lookups.
 * @param tracing {@code tracing=xray}: an ADOT collector beside the service sends its traces to
 *     X-Ray (off by default; its cost is in the cost report)
 */
public record DeploymentConfig(
        Profile profile,
        Ingress ingress,
        DatabaseKind database,
        PipelineKind pipeline,
        String envName,
        Optional<String> imageTag,
        Optional<String> domain,
        Optional<String> certificateArn,
        Optional<String> alarmEmail,
        Path authorizerJar,
        Optional<String> githubRepository,
        String githubBranch,
        Optional<String> githubOidcProviderArn,
        Optional<String> connectionArn,
        Sizing sizing,
        boolean allowPlainHttp,
        List<String> availabilityZoneIds,
        Optional<String> devDomain,
        Optional<String> devCertificateArn,
        String region,
        Tracing tracing) {

    /**
     * Where {@code cdk} (run from {@code infra/}) finds the authorizer jar built earlier in the
     * reactor.
     */
    public static final String DEFAULT_AUTHORIZER_JAR =
            "../authorizer/target/waymark-authorizer.jar";

    private static final Pattern ENV_NAME = Pattern.compile("[a-z][a-z0-9]{0,11}");
    // ECR tag grammar; "latest" is refused separately because a mutable tag breaks rollbacks.
    private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern CERTIFICATE_ARN =
            Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,100}");
    private static final Pattern OIDC_PROVIDER_ARN =
            Pattern.compile(
                    "arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern CONNECTION_ARN =
            Pattern.compile(
                    "arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[A-Za-z0-9-]+");

    private static final Pattern AZ_ID = Pattern.compile("[a-z]{2,5}\\d-az\\d{1,2}");

    public DeploymentConfig {
        requireAllowedCombination(profile, ingress, database);
        availabilityZoneIds = List.copyOf(availabilityZoneIds);
    }

    /**
     * True for the environment named {@code prod}: deletion protection on, data retained on
     * destroy.
     */
    public boolean isProd() {
        return "prod".equals(envName);
    }

    /**
     * The image tag, or a synthesis error naming the key when a service stack is built without one.
     */
    public String requiredImageTag() {
        return imageTag.orElseThrow(
                () ->
                        new InvalidContextException(
                                "imageTag",
                                "required for a service stack: pass the immutable tag pushed to ECR, e.g. -c imageTag=$(git rev-parse HEAD)"));
    }

    /**
     * The configuration of one CodePipeline stage: dev gets {@code devDomain} (and may use {@code
     * allowPlainHttp}), prod gets {@code domain}. One domain for both would make the two stacks
     * create the same API Gateway custom domain, and the second would fail.
     */
    public DeploymentConfig forPipelineEnvironment(String name) {
        boolean dev = !"prod".equals(name);
        var stage =
                new DeploymentConfig(
                        profile,
                        ingress,
                        database,
                        pipeline,
                        name,
                        imageTag,
                        dev ? devDomain : domain,
                        dev ? devCertificateArn : certificateArn,
                        alarmEmail,
                        authorizerJar,
                        githubRepository,
                        githubBranch,
                        githubOidcProviderArn,
                        connectionArn,
                        sizing,
                        dev && allowPlainHttp,
                        availabilityZoneIds,
                        Optional.empty(),
                        Optional.empty(),
                        region,
                        tracing);
        stage.requireHttpsForAlb(dev ? "devDomain" : "domain");
        return stage;
    }

    // Passwords and bearer tokens cross the ALB; without a certificate they would travel in clear
    // text.
    private void requireHttpsForAlb(String domainKey) {
        if (allowPlainHttp && isProd()) {
            throw new InvalidContextException(
                    "allowPlainHttp", "never in prod: prod serves HTTPS only");
        }
        if (ingress == Ingress.ALB && domain.isEmpty() && !allowPlainHttp) {
            throw new InvalidContextException(
                    domainKey,
                    "ingress=alb needs a domain and certificateArn for HTTPS; "
                            + "only a throw-away test environment may add -c allowPlainHttp=true to serve plain HTTP");
        }
    }

    /**
     * This configuration as {@code -c key=value} arguments, so a build (CodePipeline's synth step)
     * reproduces it: {@code fromContext} of these arguments gives an equal configuration.
     */
    public List<String> contextArguments() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("profile", lower(profile));
        args.put("ingress", lower(ingress));
        args.put("database", lower(database));
        args.put("pipeline", lower(pipeline));
        args.put("env", envName);
        imageTag.ifPresent(tag -> args.put("imageTag", tag));
        domain.ifPresent(value -> args.put("domain", value));
        certificateArn.ifPresent(value -> args.put("certificateArn", value));
        alarmEmail.ifPresent(value -> args.put("alarmEmail", value));
        githubRepository.ifPresent(value -> args.put("githubRepository", value));
        args.put("githubBranch", githubBranch);
        githubOidcProviderArn.ifPresent(value -> args.put("githubOidcProviderArn", value));
        connectionArn.ifPresent(value -> args.put("connectionArn", value));
        args.put("taskCpu", Integer.toString(sizing.taskCpu()));
        args.put("taskMemory", Integer.toString(sizing.taskMemoryMiB()));
        if (!profile.isLean()) {
            args.put("minTasks", Integer.toString(sizing.minTasks()));
            args.put("maxTasks", Integer.toString(sizing.maxTasks()));
            args.put("cpuThreshold", Integer.toString(sizing.cpuTargetPercent()));
        }
        args.put("memoryThreshold", Integer.toString(sizing.memoryAlarmPercent()));
        if (allowPlainHttp) {
            args.put("allowPlainHttp", "true");
        }
        if (!availabilityZoneIds.isEmpty()) {
            args.put("availabilityZoneIds", String.join(",", availabilityZoneIds));
        }
        devDomain.ifPresent(value -> args.put("devDomain", value));
        devCertificateArn.ifPresent(value -> args.put("devCertificateArn", value));
        args.put("region", region);
        args.put("tracing", lower(tracing));
        return args.entrySet().stream()
                .map(entry -> "-c " + entry.getKey() + "=" + entry.getValue())
                .toList();
    }

    /**
     * Reads and validates every key.
     *
     * @param context lookup of a context key; returns null when absent (like {@code
     *     node.tryGetContext})
     */
    public static DeploymentConfig fromContext(Function<String, Object> context) {
        var values = new ContextValues(context);
        Profile profile = values.choice("profile", Profile.class, Profile.LEAN);
        Ingress ingress = values.choice("ingress", Ingress.class, Ingress.APIGATEWAY);
        // The database default follows the profile, so "-c profile=standard" alone is a valid
        // deployment.
        DatabaseKind database =
                values.choice(
                        "database",
                        DatabaseKind.class,
                        profile.isLean() ? DatabaseKind.SQLITE : DatabaseKind.POSTGRES);
        PipelineKind pipeline = values.choice("pipeline", PipelineKind.class, PipelineKind.GITHUB);
        String envName =
                values.matching(
                                "env",
                                ENV_NAME,
                                "lower-case letters and digits, at most 12, starting with a letter")
                        .orElse("dev");
        Optional<String> imageTag =
                values.matching("imageTag", IMAGE_TAG, "an ECR image tag such as a commit SHA");
        if (imageTag.filter(tag -> tag.equalsIgnoreCase("latest")).isPresent()) {
            throw new InvalidContextException(
                    "imageTag",
                    "'latest' is mutable; deploy an immutable tag such as the commit SHA");
        }
        Optional<String> domain =
                values.matching("domain", DOMAIN, "a lower-case DNS name such as api.example.com");
        Optional<String> certificateArn =
                values.matching("certificateArn", CERTIFICATE_ARN, "an ACM certificate ARN");
        if (domain.isPresent() != certificateArn.isPresent()) {
            throw new InvalidContextException(
                    domain.isPresent() ? "certificateArn" : "domain",
                    "'domain' and 'certificateArn' go together: the certificate must be issued (ACM, same region) for the domain");
        }
        Optional<String> alarmEmail = values.matching("alarmEmail", EMAIL, "an e-mail address");
        Path authorizerJar = Path.of(values.text("authorizerJar").orElse(DEFAULT_AUTHORIZER_JAR));
        Optional<String> githubRepository =
                values.matching(
                        "githubRepository", REPOSITORY, "owner/name of the GitHub repository");
        String githubBranch =
                values.matching("githubBranch", BRANCH, "a branch name").orElse("main");
        Optional<String> githubOidcProviderArn =
                values.matching(
                        "githubOidcProviderArn",
                        OIDC_PROVIDER_ARN,
                        "an IAM OIDC provider ARN for token.actions.githubusercontent.com");
        Optional<String> connectionArn =
                values.matching(
                        "connectionArn",
                        CONNECTION_ARN,
                        "a CodeStar/CodeConnections connection ARN");
        Sizing sizing = sizing(values, profile);
        boolean allowPlainHttp = values.bool("allowPlainHttp");
        Optional<String> devDomain =
                values.matching(
                        "devDomain", DOMAIN, "a lower-case DNS name such as dev.api.example.com");
        Optional<String> devCertificateArn =
                values.matching("devCertificateArn", CERTIFICATE_ARN, "an ACM certificate ARN");
        if (devDomain.isPresent() != devCertificateArn.isPresent()) {
            throw new InvalidContextException(
                    devDomain.isPresent() ? "devCertificateArn" : "devDomain",
                    "'devDomain' and 'devCertificateArn' go together");
        }
        if (devDomain.isPresent() && pipeline != PipelineKind.CODEPIPELINE) {
            throw new InvalidContextException(
                    "devDomain",
                    "only for pipeline=codepipeline; with GitHub Actions each "
                            + "environment passes its own -c domain=... in its CDK_CONTEXT variable");
        }
        String region =
                values.matching("region", REGION, "an AWS region such as eu-west-1")
                        .or(() -> Optional.ofNullable(System.getenv("CDK_DEFAULT_REGION")))
                        .orElse("us-east-1");
        List<String> zoneIds = availabilityZoneIds(values, profile, ingress, region);
        Tracing tracing = values.choice("tracing", Tracing.class, Tracing.NONE);
        var config =
                new DeploymentConfig(
                        profile,
                        ingress,
                        database,
                        pipeline,
                        envName,
                        imageTag,
                        domain,
                        certificateArn,
                        alarmEmail,
                        authorizerJar,
                        githubRepository,
                        githubBranch,
                        githubOidcProviderArn,
                        connectionArn,
                        sizing,
                        allowPlainHttp,
                        zoneIds,
                        devDomain,
                        devCertificateArn,
                        region,
                        tracing);
        if (pipeline == PipelineKind.GITHUB) {
            config.requireHttpsForAlb("domain");
        }
        return config;
    }

    private static Sizing sizing(ContextValues values, Profile profile) {
        Sizing defaults = Sizing.defaults(profile);
        if (profile.isLean()) {
            for (String key : List.of("minTasks", "maxTasks", "cpuThreshold")) {
                if (values.text(key).isPresent()) {
                    throw new InvalidContextException(
                            key,
                            "lean runs exactly one task (SQLite has one writer) and "
                                    + "does not autoscale; use profile=standard");
                }
            }
        }
        int minTasks = values.integer("minTasks", 2, 50).orElse(defaults.minTasks());
        return new Sizing(
                values.integer("taskCpu", 256, 16384).orElse(defaults.taskCpu()),
                values.integer("taskMemory", 512, 122880).orElse(defaults.taskMemoryMiB()),
                minTasks,
                values.integer("maxTasks", 2, 50).orElse(Math.max(defaults.maxTasks(), minTasks)),
                values.integer("cpuThreshold", 10, 90).orElse(defaults.cpuTargetPercent()),
                values.integer("memoryThreshold", 50, 100).orElse(defaults.memoryAlarmPercent()));
    }

    // HTTP API VPC links exist only in some AZs, named by AZ ID (the same zone in every account).
    // Without a
    // lookup the stack cannot map IDs to the account's AZ names, so it pins the subnets by ID
    // instead.
    private static List<String> availabilityZoneIds(
            ContextValues values, Profile profile, Ingress ingress, String region) {
        int needed = profile.isLean() ? 1 : 2;
        Optional<String> explicit = values.text("availabilityZoneIds");
        if (explicit.isPresent()) {
            List<String> ids = Arrays.stream(explicit.get().split(",")).map(String::trim).toList();
            ids.stream()
                    .filter(id -> !AZ_ID.matcher(id).matches())
                    .findFirst()
                    .ifPresent(
                            id -> {
                                throw new InvalidContextException(
                                        "availabilityZoneIds",
                                        "'" + id + "' is not an AZ ID such as use1-az1");
                            });
            if (ids.size() < needed || ids.stream().distinct().count() != ids.size()) {
                throw new InvalidContextException(
                        "availabilityZoneIds",
                        "needs "
                                + needed
                                + " distinct AZ IDs for "
                                + lower(profile)
                                + ", got '"
                                + explicit.get()
                                + "'");
            }
            return ids.subList(0, needed);
        }
        if (ingress != Ingress.APIGATEWAY) {
            return List.of();
        }
        List<String> supported =
                VpcLinkZones.supported(region)
                        .orElseThrow(
                                () ->
                                        new InvalidContextException(
                                                "availabilityZoneIds",
                                                "region "
                                                        + region
                                                        + " is not in the table of AZs that support HTTP API VPC "
                                                        + "links (VpcLinkZones); pass the AZ IDs AWS lists for it, e.g. -c availabilityZoneIds=xxx-az1,xxx-az2"));
        return supported.subList(0, needed);
    }

    private static void requireAllowedCombination(
            Profile profile, Ingress ingress, DatabaseKind database) {
        if (profile.isLean() && ingress == Ingress.ALB) {
            throw new InvalidContextException(
                    "ingress",
                    "'alb' needs profile=standard: lean has no load balancer (API Gateway + Cloud Map keeps it at a few dollars)");
        }
        if (profile.isLean() && database != DatabaseKind.SQLITE) {
            throw new InvalidContextException(
                    "database",
                    "'"
                            + lower(database)
                            + "' needs profile=standard: RDS and DocumentDB subnet groups span two AZs and lean has one");
        }
        if (!profile.isLean() && database == DatabaseKind.SQLITE) {
            throw new InvalidContextException(
                    "database",
                    "'sqlite' needs profile=lean: SQLite has one writer, standard runs two or more tasks");
        }
    }

    /**
     * How a switch is spelled in context and in names: the constant in lower case ({@code STANDARD}
     * is {@code standard}).
     */
    public static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Typed access to raw context values; every failure names its key. */
    private record ContextValues(Function<String, Object> context) {

        Optional<String> text(String key) {
            Object raw = context.apply(key);
            if (raw == null) {
                return Optional.empty();
            }
            String value = raw.toString().trim();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
            Optional<String> value = text(key);
            if (value.isEmpty()) {
                return fallback;
            }
            return Arrays.stream(type.getEnumConstants())
                    .filter(constant -> lower(constant).equals(value.get()))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new InvalidContextException(
                                            key,
                                            "'"
                                                    + value.get()
                                                    + "' is not one of "
                                                    + String.join(
                                                            ", ",
                                                            Arrays.stream(type.getEnumConstants())
                                                                    .map(DeploymentConfig::lower)
                                                                    .toList())));
        }

        Optional<String> matching(String key, Pattern pattern, String expected) {
            Optional<String> value = text(key);
            value.filter(v -> !pattern.matcher(v).matches())
                    .ifPresent(
                            v -> {
                                throw new InvalidContextException(
                                        key, "'" + v + "' is not " + expected);
                            });
            return value;
        }

        boolean bool(String key) {
            return text(key)
                    .map(
                            v ->
                                    switch (v) {
                                        case "true" -> true;
                                        case "false" -> false;
                                        default ->
                                                throw new InvalidContextException(
                                                        key, "'" + v + "' is not true or false");
                                    })
                    .orElse(false);
        }

        Optional<Integer> integer(String key, int min, int max) {
            return text(key)
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
                                throw new InvalidContextException(
                                        key,
                                        "'"
                                                + v
                                                + "' is not a whole number from "
                                                + min
                                                + " to "
                                                + max);
                            });
        }
    }
}
