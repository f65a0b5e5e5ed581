package io.waymark.infra.config;

import static io.waymark.infra.config.ContextKey.ALARM_EMAIL;
import static io.waymark.infra.config.ContextKey.ALLOW_PLAIN_HTTP;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
    void requireHttpsForAlb(ContextKey domainKey) {
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
     * Reads and validates every key ({@link ContextReader}).
     *
     * @param context lookup of a context key; returns null when absent (like {@code
     *     node.tryGetContext})
     */
    public static DeploymentConfig fromContext(Function<String, Object> context) {
        return ContextReader.read(context);
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
}
