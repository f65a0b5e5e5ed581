package io.waymark.infra.config;

import static io.waymark.infra.config.ContextKey.ALARM_EMAIL;
import static io.waymark.infra.config.ContextKey.ALLOW_PLAIN_HTTP;
import static io.waymark.infra.config.ContextKey.AUTHORIZER_JAR;
import static io.waymark.infra.config.ContextKey.AVAILABILITY_ZONE_IDS;
import static io.waymark.infra.config.ContextKey.CERTIFICATE_ARN;
import static io.waymark.infra.config.ContextKey.CONNECTION_ARN;
import static io.waymark.infra.config.ContextKey.CPU_THRESHOLD;
import static io.waymark.infra.config.ContextKey.DATABASE;
import static io.waymark.infra.config.ContextKey.DEV_CERTIFICATE_ARN;
import static io.waymark.infra.config.ContextKey.DEV_DOMAIN;
import static io.waymark.infra.config.ContextKey.DOMAIN;
import static io.waymark.infra.config.ContextKey.ENV;
import static io.waymark.infra.config.ContextKey.GITHUB_BRANCH;
import static io.waymark.infra.config.ContextKey.GITHUB_OIDC_PROVIDER_ARN;
import static io.waymark.infra.config.ContextKey.GITHUB_REPOSITORY;
import static io.waymark.infra.config.ContextKey.IMAGE_TAG;
import static io.waymark.infra.config.ContextKey.INGRESS;
import static io.waymark.infra.config.ContextKey.MAX_TASKS;
import static io.waymark.infra.config.ContextKey.MEMORY_THRESHOLD;
import static io.waymark.infra.config.ContextKey.MIN_TASKS;
import static io.waymark.infra.config.ContextKey.PIPELINE;
import static io.waymark.infra.config.ContextKey.PROFILE;
import static io.waymark.infra.config.ContextKey.REGION;
import static io.waymark.infra.config.ContextKey.TASK_CPU;
import static io.waymark.infra.config.ContextKey.TASK_MEMORY;
import static io.waymark.infra.config.ContextKey.TRACING;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every switch of a Waymark deployment, read from CDK context ({@code -c key=value} or {@code
 * cdk.json}; the keys and what they mean: {@link ContextKey}) and validated before any construct is
 * made, so a typo fails synthesis with one line naming the key. Made by {@link #fromContext} or,
 * for a copy with a field changed, {@link #toBuilder()}.
 *
 * <p>Allowed combinations (anything else is rejected with the reason):
 *
 * <ul>
 *   <li>{@code lean} + {@code apigateway} + {@code sqlite} — one task, SQLite has a single writer;
 *   <li>{@code standard} + {@code apigateway|alb} + {@code postgres|mongodb} — two or more tasks
 *       need a shared network database.
 * </ul>
 *
 * @param envName {@link ContextKey#ENV}
 * @param sizing task size, task count bounds and thresholds ({@link Sizing})
 * @param availabilityZoneIds AZ IDs of the subnets; empty: the region's first AZs (Fn::GetAZs)
 * @param region the target region; the account stays unresolved, so synthesis performs no lookups
 * @param tracing {@code XRAY}: an ADOT collector beside the service sends its traces to X-Ray (its
 *     cost is in the cost report)
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
    private static final Pattern ECR_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DNS_NAME =
            Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern ACM_ARN =
            Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern OWNER_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern BRANCH_NAME = Pattern.compile("[A-Za-z0-9._/-]{1,100}");
    private static final Pattern GITHUB_OIDC_ARN =
            Pattern.compile(
                    "arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern CONNECTION =
            Pattern.compile(
                    "arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[A-Za-z0-9-]+");

    private static final Pattern AZ_ID = Pattern.compile("[a-z]{2,5}\\d-az\\d{1,2}");

    public DeploymentConfig {
        requireAllowedCombination(profile, ingress, database);
        availabilityZoneIds = List.copyOf(availabilityZoneIds);
    }

    /** An empty builder: every required field must be set, the optional ones default to empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, so a copy with one field changed is one line. */
    public Builder toBuilder() {
        return new Builder()
                .profile(profile)
                .ingress(ingress)
                .database(database)
                .pipeline(pipeline)
                .envName(envName)
                .imageTag(imageTag)
                .domain(domain)
                .certificateArn(certificateArn)
                .alarmEmail(alarmEmail)
                .authorizerJar(authorizerJar)
                .githubRepository(githubRepository)
                .githubBranch(githubBranch)
                .githubOidcProviderArn(githubOidcProviderArn)
                .connectionArn(connectionArn)
                .sizing(sizing)
                .allowPlainHttp(allowPlainHttp)
                .availabilityZoneIds(availabilityZoneIds)
                .devDomain(devDomain)
                .devCertificateArn(devCertificateArn)
                .region(region)
                .tracing(tracing);
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
                        IMAGE_TAG.invalid(
                                "required for a service stack: pass the immutable tag pushed to ECR, e.g. "
                                        + IMAGE_TAG.argument("$(git rev-parse HEAD)")));
    }

    /**
     * The configuration of one CodePipeline stage: dev gets {@code devDomain} (and may use {@code
     * allowPlainHttp}), prod gets {@code domain}. One domain for both would make the two stacks
     * create the same API Gateway custom domain, and the second would fail.
     */
    public DeploymentConfig forPipelineEnvironment(String name) {
        boolean dev = !"prod".equals(name);
        var stage =
                toBuilder()
                        .envName(name)
                        .domain(dev ? devDomain : domain)
                        .certificateArn(dev ? devCertificateArn : certificateArn)
                        .allowPlainHttp(dev && allowPlainHttp)
                        .devDomain(Optional.empty())
                        .devCertificateArn(Optional.empty())
                        .build();
        stage.requireHttpsForAlb(dev ? DEV_DOMAIN : DOMAIN);
        return stage;
    }

    // Passwords and bearer tokens cross the ALB; without a certificate they would travel in clear
    // text.
    private void requireHttpsForAlb(ContextKey domainKey) {
        if (allowPlainHttp && isProd()) {
            throw ALLOW_PLAIN_HTTP.invalid("never in prod: prod serves HTTPS only");
        }
        if (ingress == Ingress.ALB && domain.isEmpty() && !allowPlainHttp) {
            throw domainKey.invalid(
                    "ingress=alb needs a domain and certificateArn for HTTPS; "
                            + "only a throw-away test environment may add "
                            + ALLOW_PLAIN_HTTP.argument("true")
                            + " to serve plain HTTP");
        }
    }

    /**
     * This configuration as {@code -c key=value} arguments, so a build (CodePipeline's synth step)
     * reproduces it: {@code fromContext} of these arguments gives an equal configuration. The
     * authorizer jar is left out: the build makes its own.
     */
    public List<String> contextArguments() {
        Map<ContextKey, String> args = new EnumMap<>(ContextKey.class);
        args.put(PROFILE, lower(profile));
        args.put(INGRESS, lower(ingress));
        args.put(DATABASE, lower(database));
        args.put(PIPELINE, lower(pipeline));
        args.put(ENV, envName);
        imageTag.ifPresent(tag -> args.put(IMAGE_TAG, tag));
        domain.ifPresent(value -> args.put(DOMAIN, value));
        certificateArn.ifPresent(value -> args.put(CERTIFICATE_ARN, value));
        alarmEmail.ifPresent(value -> args.put(ALARM_EMAIL, value));
        githubRepository.ifPresent(value -> args.put(GITHUB_REPOSITORY, value));
        args.put(GITHUB_BRANCH, githubBranch);
        githubOidcProviderArn.ifPresent(value -> args.put(GITHUB_OIDC_PROVIDER_ARN, value));
        connectionArn.ifPresent(value -> args.put(CONNECTION_ARN, value));
        args.put(TASK_CPU, Integer.toString(sizing.taskCpu()));
        args.put(TASK_MEMORY, Integer.toString(sizing.taskMemoryMiB()));
        if (!profile.isLean()) {
            args.put(MIN_TASKS, Integer.toString(sizing.minTasks()));
            args.put(MAX_TASKS, Integer.toString(sizing.maxTasks()));
            args.put(CPU_THRESHOLD, Integer.toString(sizing.cpuTargetPercent()));
        }
        args.put(MEMORY_THRESHOLD, Integer.toString(sizing.memoryAlarmPercent()));
        if (allowPlainHttp) {
            args.put(ALLOW_PLAIN_HTTP, "true");
        }
        if (!availabilityZoneIds.isEmpty()) {
            args.put(AVAILABILITY_ZONE_IDS, String.join(",", availabilityZoneIds));
        }
        devDomain.ifPresent(value -> args.put(DEV_DOMAIN, value));
        devCertificateArn.ifPresent(value -> args.put(DEV_CERTIFICATE_ARN, value));
        args.put(REGION, region);
        args.put(TRACING, lower(tracing));
        // In the keys' declared order (EnumMap), the order they always had.
        return args.entrySet().stream()
                .map(entry -> entry.getKey().argument(entry.getValue()))
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
        Profile profile = values.choice(PROFILE, Profile.class, Profile.LEAN);
        Ingress ingress = values.choice(INGRESS, Ingress.class, Ingress.APIGATEWAY);
        // The database default follows the profile, so "-c profile=standard" alone is a valid
        // deployment.
        DatabaseKind database =
                values.choice(
                        DATABASE,
                        DatabaseKind.class,
                        profile.isLean() ? DatabaseKind.SQLITE : DatabaseKind.POSTGRES);
        PipelineKind pipeline = values.choice(PIPELINE, PipelineKind.class, PipelineKind.GITHUB);
        String envName =
                values.matching(
                                ENV,
                                ENV_NAME,
                                "lower-case letters and digits, at most 12, starting with a letter")
                        .orElse("dev");
        Optional<String> imageTag = imageTag(values);
        DomainPair domain =
                values.pair(
                        DOMAIN,
                        "a lower-case DNS name such as api.example.com",
                        CERTIFICATE_ARN,
                        ": the certificate must be issued (ACM, same region) for the domain");
        Optional<String> alarmEmail = values.matching(ALARM_EMAIL, EMAIL, "an e-mail address");
        Path authorizerJar = Path.of(values.text(AUTHORIZER_JAR).orElse(DEFAULT_AUTHORIZER_JAR));
        Optional<String> githubRepository =
                values.matching(
                        GITHUB_REPOSITORY, OWNER_NAME, "owner/name of the GitHub repository");
        String githubBranch =
                values.matching(GITHUB_BRANCH, BRANCH_NAME, "a branch name").orElse("main");
        Optional<String> githubOidcProviderArn =
                values.matching(
                        GITHUB_OIDC_PROVIDER_ARN,
                        GITHUB_OIDC_ARN,
                        "an IAM OIDC provider ARN for token.actions.githubusercontent.com");
        Optional<String> connectionArn =
                values.matching(
                        CONNECTION_ARN, CONNECTION, "a CodeStar/CodeConnections connection ARN");
        Sizing sizing = sizing(values, profile);
        boolean allowPlainHttp = values.bool(ALLOW_PLAIN_HTTP);
        DomainPair devDomain =
                values.pair(
                        DEV_DOMAIN,
                        "a lower-case DNS name such as dev.api.example.com",
                        DEV_CERTIFICATE_ARN,
                        "");
        if (devDomain.name().isPresent() && pipeline != PipelineKind.CODEPIPELINE) {
            throw DEV_DOMAIN.invalid(
                    "only for pipeline=codepipeline; with GitHub Actions each "
                            + "environment passes its own "
                            + DOMAIN.argument("...")
                            + " in its CDK_CONTEXT variable");
        }
        String region =
                values.matching(REGION, REGION_NAME, "an AWS region such as eu-west-1")
                        .or(() -> Optional.ofNullable(System.getenv("CDK_DEFAULT_REGION")))
                        .orElse("us-east-1");
        List<String> zoneIds = availabilityZoneIds(values, profile, ingress, region);
        Tracing tracing = values.choice(TRACING, Tracing.class, Tracing.NONE);
        var config =
                builder()
                        .profile(profile)
                        .ingress(ingress)
                        .database(database)
                        .pipeline(pipeline)
                        .envName(envName)
                        .imageTag(imageTag)
                        .domain(domain.name())
                        .certificateArn(domain.certificateArn())
                        .alarmEmail(alarmEmail)
                        .authorizerJar(authorizerJar)
                        .githubRepository(githubRepository)
                        .githubBranch(githubBranch)
                        .githubOidcProviderArn(githubOidcProviderArn)
                        .connectionArn(connectionArn)
                        .sizing(sizing)
                        .allowPlainHttp(allowPlainHttp)
                        .availabilityZoneIds(zoneIds)
                        .devDomain(devDomain.name())
                        .devCertificateArn(devDomain.certificateArn())
                        .region(region)
                        .tracing(tracing)
                        .build();
        if (pipeline == PipelineKind.GITHUB) {
            config.requireHttpsForAlb(DOMAIN);
        }
        return config;
    }

    private static Optional<String> imageTag(ContextValues values) {
        Optional<String> imageTag =
                values.matching(IMAGE_TAG, ECR_TAG, "an ECR image tag such as a commit SHA");
        if (imageTag.filter(tag -> tag.equalsIgnoreCase("latest")).isPresent()) {
            throw IMAGE_TAG.invalid(
                    "'latest' is mutable; deploy an immutable tag such as the commit SHA");
        }
        return imageTag;
    }

    private static Sizing sizing(ContextValues values, Profile profile) {
        Sizing defaults = Sizing.defaults(profile);
        if (profile.isLean()) {
            for (ContextKey key : List.of(MIN_TASKS, MAX_TASKS, CPU_THRESHOLD)) {
                if (values.text(key).isPresent()) {
                    throw key.invalid(
                            "lean runs exactly one task (SQLite has one writer) and "
                                    + "does not autoscale; use profile=standard");
                }
            }
        }
        int minTasks = values.integer(MIN_TASKS, 2, 50).orElse(defaults.minTasks());
        return new Sizing(
                values.integer(TASK_CPU, 256, 16384).orElse(defaults.taskCpu()),
                values.integer(TASK_MEMORY, 512, 122880).orElse(defaults.taskMemoryMiB()),
                minTasks,
                values.integer(MAX_TASKS, 2, 50).orElse(Math.max(defaults.maxTasks(), minTasks)),
                values.integer(CPU_THRESHOLD, 10, 90).orElse(defaults.cpuTargetPercent()),
                values.integer(MEMORY_THRESHOLD, 50, 100).orElse(defaults.memoryAlarmPercent()));
    }

    // HTTP API VPC links exist only in some AZs, named by AZ ID (the same zone in every account).
    // Without a lookup the stack cannot map IDs to the account's AZ names, so it pins the subnets
    // by ID instead.
    private static List<String> availabilityZoneIds(
            ContextValues values, Profile profile, Ingress ingress, String region) {
        int needed = profile.isLean() ? 1 : 2;
        Optional<String> explicit = values.text(AVAILABILITY_ZONE_IDS);
        if (explicit.isPresent()) {
            List<String> ids = Arrays.stream(explicit.get().split(",")).map(String::trim).toList();
            ids.stream()
                    .filter(id -> !AZ_ID.matcher(id).matches())
                    .findFirst()
                    .ifPresent(
                            id -> {
                                throw AVAILABILITY_ZONE_IDS.invalid(
                                        "'" + id + "' is not an AZ ID such as use1-az1");
                            });
            if (ids.size() < needed || ids.stream().distinct().count() != ids.size()) {
                throw AVAILABILITY_ZONE_IDS.invalid(
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
                                        AVAILABILITY_ZONE_IDS.invalid(
                                                "region "
                                                        + region
                                                        + " is not in the table of AZs that support HTTP API VPC "
                                                        + "links (VpcLinkZones); pass the AZ IDs AWS lists for it, e.g. "
                                                        + AVAILABILITY_ZONE_IDS.argument(
                                                                "xxx-az1,xxx-az2")));
        return supported.subList(0, needed);
    }

    private static void requireAllowedCombination(
            Profile profile, Ingress ingress, DatabaseKind database) {
        if (profile.isLean() && ingress == Ingress.ALB) {
            throw INGRESS.invalid(
                    "'alb' needs profile=standard: lean has no load balancer (API Gateway + Cloud Map keeps it at a few dollars)");
        }
        if (profile.isLean() && database != DatabaseKind.SQLITE) {
            throw DATABASE.invalid(
                    "'"
                            + lower(database)
                            + "' needs profile=standard: RDS and DocumentDB subnet groups span two AZs and lean has one");
        }
        if (!profile.isLean() && database == DatabaseKind.SQLITE) {
            throw DATABASE.invalid(
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

    /**
     * Builds a {@link DeploymentConfig} field by field, as CDK's own {@code …Props.builder()}: the
     * required fields are checked when built, the optional ones default to empty.
     */
    public static final class Builder {
        private Profile profile;
        private Ingress ingress;
        private DatabaseKind database;
        private PipelineKind pipeline;
        private String envName;
        private Optional<String> imageTag = Optional.empty();
        private Optional<String> domain = Optional.empty();
        private Optional<String> certificateArn = Optional.empty();
        private Optional<String> alarmEmail = Optional.empty();
        private Path authorizerJar = Path.of(DEFAULT_AUTHORIZER_JAR);
        private Optional<String> githubRepository = Optional.empty();
        private String githubBranch;
        private Optional<String> githubOidcProviderArn = Optional.empty();
        private Optional<String> connectionArn = Optional.empty();
        private Sizing sizing;
        private boolean allowPlainHttp;
        private List<String> availabilityZoneIds = List.of();
        private Optional<String> devDomain = Optional.empty();
        private Optional<String> devCertificateArn = Optional.empty();
        private String region;
        private Tracing tracing = Tracing.NONE;

        private Builder() {}

        public Builder profile(Profile profile) {
            this.profile = profile;
            return this;
        }

        public Builder ingress(Ingress ingress) {
            this.ingress = ingress;
            return this;
        }

        public Builder database(DatabaseKind database) {
            this.database = database;
            return this;
        }

        public Builder pipeline(PipelineKind pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        public Builder envName(String envName) {
            this.envName = envName;
            return this;
        }

        public Builder imageTag(Optional<String> imageTag) {
            this.imageTag = imageTag;
            return this;
        }

        public Builder domain(Optional<String> domain) {
            this.domain = domain;
            return this;
        }

        public Builder certificateArn(Optional<String> certificateArn) {
            this.certificateArn = certificateArn;
            return this;
        }

        public Builder alarmEmail(Optional<String> alarmEmail) {
            this.alarmEmail = alarmEmail;
            return this;
        }

        public Builder authorizerJar(Path authorizerJar) {
            this.authorizerJar = authorizerJar;
            return this;
        }

        public Builder githubRepository(Optional<String> githubRepository) {
            this.githubRepository = githubRepository;
            return this;
        }

        public Builder githubBranch(String githubBranch) {
            this.githubBranch = githubBranch;
            return this;
        }

        public Builder githubOidcProviderArn(Optional<String> githubOidcProviderArn) {
            this.githubOidcProviderArn = githubOidcProviderArn;
            return this;
        }

        public Builder connectionArn(Optional<String> connectionArn) {
            this.connectionArn = connectionArn;
            return this;
        }

        public Builder sizing(Sizing sizing) {
            this.sizing = sizing;
            return this;
        }

        public Builder allowPlainHttp(boolean allowPlainHttp) {
            this.allowPlainHttp = allowPlainHttp;
            return this;
        }

        public Builder availabilityZoneIds(List<String> availabilityZoneIds) {
            this.availabilityZoneIds = availabilityZoneIds;
            return this;
        }

        public Builder devDomain(Optional<String> devDomain) {
            this.devDomain = devDomain;
            return this;
        }

        public Builder devCertificateArn(Optional<String> devCertificateArn) {
            this.devCertificateArn = devCertificateArn;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder tracing(Tracing tracing) {
            this.tracing = tracing;
            return this;
        }

        /** The configuration; a missing required field or a ruled-out combination throws. */
        public DeploymentConfig build() {
            return new DeploymentConfig(
                    Objects.requireNonNull(profile, "profile"),
                    Objects.requireNonNull(ingress, "ingress"),
                    Objects.requireNonNull(database, "database"),
                    Objects.requireNonNull(pipeline, "pipeline"),
                    Objects.requireNonNull(envName, "envName"),
                    imageTag,
                    domain,
                    certificateArn,
                    alarmEmail,
                    authorizerJar,
                    githubRepository,
                    Objects.requireNonNull(githubBranch, "githubBranch"),
                    githubOidcProviderArn,
                    connectionArn,
                    Objects.requireNonNull(sizing, "sizing"),
                    allowPlainHttp,
                    availabilityZoneIds,
                    devDomain,
                    devCertificateArn,
                    Objects.requireNonNull(region, "region"),
                    tracing);
        }
    }

    /** A custom domain and its certificate, given together or not at all. */
    private record DomainPair(Optional<String> name, Optional<String> certificateArn) {}

    /** Typed access to raw context values; every failure names its key. */
    private record ContextValues(Function<String, Object> context) {

        Optional<String> text(ContextKey key) {
            return key.read(context);
        }

        <E extends Enum<E>> E choice(ContextKey key, Class<E> type, E fallback) {
            Optional<String> value = text(key);
            if (value.isEmpty()) {
                return fallback;
            }
            return Arrays.stream(type.getEnumConstants())
                    .filter(constant -> lower(constant).equals(value.get()))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    key.invalid(
                                            "'"
                                                    + value.get()
                                                    + "' is not one of "
                                                    + String.join(
                                                            ", ",
                                                            Arrays.stream(type.getEnumConstants())
                                                                    .map(DeploymentConfig::lower)
                                                                    .toList())));
        }

        Optional<String> matching(ContextKey key, Pattern pattern, String expected) {
            Optional<String> value = text(key);
            value.filter(v -> !pattern.matcher(v).matches())
                    .ifPresent(
                            v -> {
                                throw key.invalid("'" + v + "' is not " + expected);
                            });
            return value;
        }

        /**
         * A domain key and its certificate key: each valid, and both or neither ({@code why} ends
         * the message that says so).
         */
        DomainPair pair(
                ContextKey domainKey, String expected, ContextKey certificateKey, String why) {
            Optional<String> name = matching(domainKey, DNS_NAME, expected);
            Optional<String> certificate =
                    matching(certificateKey, ACM_ARN, "an ACM certificate ARN");
            if (name.isPresent() != certificate.isPresent()) {
                throw (name.isPresent() ? certificateKey : domainKey)
                        .invalid(
                                "'"
                                        + domainKey
                                        + "' and '"
                                        + certificateKey
                                        + "' go together"
                                        + why);
            }
            return new DomainPair(name, certificate);
        }

        boolean bool(ContextKey key) {
            return text(key)
                    .map(
                            v ->
                                    switch (v) {
                                        case "true" -> true;
                                        case "false" -> false;
                                        default ->
                                                throw key.invalid(
                                                        "'" + v + "' is not true or false");
                                    })
                    .orElse(false);
        }

        Optional<Integer> integer(ContextKey key, int min, int max) {
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
                                throw key.invalid(
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
