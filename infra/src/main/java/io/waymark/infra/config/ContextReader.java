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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a {@link DeploymentConfig} from CDK context: each key's form, the defaults that follow from
 * other keys (the database from the profile, the AZs from the region) and the rules between keys;
 * the first value that breaks one stops synthesis with one line naming its key.
 */
final class ContextReader {

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

    private ContextReader() {}

    /**
     * Reads and validates every key.
     *
     * @param context lookup of a context key; returns null when absent (like {@code
     *     node.tryGetContext})
     */
    static DeploymentConfig read(Function<String, Object> context) {
        Profile profile = PROFILE.choice(context, Profile.class, Profile.LEAN);
        Ingress ingress = INGRESS.choice(context, Ingress.class, Ingress.APIGATEWAY);
        // The database default follows the profile, so "-c profile=standard" alone is a valid
        // deployment.
        DatabaseKind database =
                DATABASE.choice(
                        context,
                        DatabaseKind.class,
                        profile.isLean() ? DatabaseKind.SQLITE : DatabaseKind.POSTGRES);
        PipelineKind pipeline = PIPELINE.choice(context, PipelineKind.class, PipelineKind.GITHUB);
        String envName =
                ENV.matching(
                                context,
                                ENV_NAME,
                                "lower-case letters and digits, at most 12, starting with a letter")
                        .orElse("dev");
        Optional<String> imageTag = imageTag(context);
        DomainPair domain =
                pair(
                        context,
                        DOMAIN,
                        "a lower-case DNS name such as api.example.com",
                        CERTIFICATE_ARN,
                        ": the certificate must be issued (ACM, same region) for the domain");
        Optional<String> alarmEmail = ALARM_EMAIL.matching(context, EMAIL, "an e-mail address");
        Path authorizerJar =
                Path.of(
                        AUTHORIZER_JAR
                                .read(context)
                                .orElse(DeploymentConfig.DEFAULT_AUTHORIZER_JAR));
        Optional<String> githubRepository =
                GITHUB_REPOSITORY.matching(
                        context, OWNER_NAME, "owner/name of the GitHub repository");
        String githubBranch =
                GITHUB_BRANCH.matching(context, BRANCH_NAME, "a branch name").orElse("main");
        Optional<String> githubOidcProviderArn =
                GITHUB_OIDC_PROVIDER_ARN.matching(
                        context,
                        GITHUB_OIDC_ARN,
                        "an IAM OIDC provider ARN for token.actions.githubusercontent.com");
        Optional<String> connectionArn =
                CONNECTION_ARN.matching(
                        context, CONNECTION, "a CodeStar/CodeConnections connection ARN");
        Sizing sizing = sizing(context, profile);
        boolean allowPlainHttp = ALLOW_PLAIN_HTTP.bool(context);
        DomainPair devDomain =
                pair(
                        context,
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
                REGION.matching(context, REGION_NAME, "an AWS region such as eu-west-1")
                        .or(() -> Optional.ofNullable(System.getenv("CDK_DEFAULT_REGION")))
                        .orElse("us-east-1");
        List<String> zoneIds = availabilityZoneIds(context, profile, ingress, region);
        Tracing tracing = TRACING.choice(context, Tracing.class, Tracing.NONE);
        var config =
                DeploymentConfig.builder()
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

    private static Optional<String> imageTag(Function<String, Object> context) {
        Optional<String> imageTag =
                IMAGE_TAG.matching(context, ECR_TAG, "an ECR image tag such as a commit SHA");
        if (imageTag.filter(tag -> tag.equalsIgnoreCase("latest")).isPresent()) {
            throw IMAGE_TAG.invalid(
                    "'latest' is mutable; deploy an immutable tag such as the commit SHA");
        }
        return imageTag;
    }

    private static Sizing sizing(Function<String, Object> context, Profile profile) {
        Sizing defaults = Sizing.defaults(profile);
        if (profile.isLean()) {
            for (ContextKey key : List.of(MIN_TASKS, MAX_TASKS, CPU_THRESHOLD)) {
                if (key.read(context).isPresent()) {
                    throw key.invalid(
                            "lean runs exactly one task (SQLite has one writer) and "
                                    + "does not autoscale; use profile=standard");
                }
            }
        }
        int minTasks = MIN_TASKS.integer(context, 2, 50).orElse(defaults.minTasks());
        return new Sizing(
                TASK_CPU.integer(context, 256, 16384).orElse(defaults.taskCpu()),
                TASK_MEMORY.integer(context, 512, 122880).orElse(defaults.taskMemoryMiB()),
                minTasks,
                MAX_TASKS.integer(context, 2, 50).orElse(Math.max(defaults.maxTasks(), minTasks)),
                CPU_THRESHOLD.integer(context, 10, 90).orElse(defaults.cpuTargetPercent()),
                MEMORY_THRESHOLD.integer(context, 50, 100).orElse(defaults.memoryAlarmPercent()));
    }

    // HTTP API VPC links exist only in some AZs, named by AZ ID (the same zone in every account).
    // Without a lookup the stack cannot map IDs to the account's AZ names, so it pins the subnets
    // by ID instead.
    private static List<String> availabilityZoneIds(
            Function<String, Object> context, Profile profile, Ingress ingress, String region) {
        int needed = profile.isLean() ? 1 : 2;
        Optional<String> explicit = AVAILABILITY_ZONE_IDS.read(context);
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
                                + DeploymentConfig.lower(profile)
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

    /** A custom domain and its certificate, given together or not at all. */
    private record DomainPair(Optional<String> name, Optional<String> certificateArn) {}

    /**
     * A domain key and its certificate key: each valid, and both or neither ({@code why} ends the
     * message that says so).
     */
    private static DomainPair pair(
            Function<String, Object> context,
            ContextKey domainKey,
            String expected,
            ContextKey certificateKey,
            String why) {
        Optional<String> name = domainKey.matching(context, DNS_NAME, expected);
        Optional<String> certificate =
                certificateKey.matching(context, ACM_ARN, "an ACM certificate ARN");
        if (name.isPresent() != certificate.isPresent()) {
            throw (name.isPresent() ? certificateKey : domainKey)
                    .invalid("'" + domainKey + "' and '" + certificateKey + "' go together" + why);
        }
        return new DomainPair(name, certificate);
    }
}
