package io.waymark.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Context values are validated before any construct exists, with the offending key in the message.
 */
class DeploymentConfigTest {

    private static final String CERTIFICATE =
            "arn:aws:acm:us-east-1:123456789012:certificate/1b2c3d4e-aaaa-bbbb-cccc-1234567890ab";

    // The region is fixed unless a test names it, so a developer's CDK_DEFAULT_REGION cannot change
    // the results.
    private static DeploymentConfig read(Map<String, Object> context) {
        Map<String, Object> withRegion = new HashMap<>(context);
        withRegion.putIfAbsent("region", "us-east-1");
        return DeploymentConfig.fromContext(withRegion::get);
    }

    @Test
    void defaultsAreTheLeanSqliteApiGatewayGithubDevDeployment() {
        DeploymentConfig config = read(Map.of());

        assertThat(config.profile()).isEqualTo(Profile.LEAN);
        assertThat(config.ingress()).isEqualTo(Ingress.APIGATEWAY);
        assertThat(config.database()).isEqualTo(DatabaseKind.SQLITE);
        assertThat(config.pipeline()).isEqualTo(PipelineKind.GITHUB);
        assertThat(config.envName()).isEqualTo("dev");
        assertThat(config.isProd()).isFalse();
        assertThat(config.authorizerJar().toString())
                .isEqualTo(DeploymentConfig.DEFAULT_AUTHORIZER_JAR);
    }

    @Test
    void standardDefaultsToPostgres() {
        assertThat(read(Map.of("profile", "standard")).database()).isEqualTo(DatabaseKind.POSTGRES);
    }

    @ParameterizedTest
    @CsvSource({
        "profile, medium, 'not one of lean, standard'",
        "ingress, nlb, 'not one of apigateway, alb'",
        "database, mysql, 'not one of sqlite, postgres, mongodb'",
        "pipeline, jenkins, 'not one of github, codepipeline'",
        "env, Prod!, lower-case letters",
        "imageTag, 'has space', ECR image tag",
        "imageTag, latest, mutable",
        "alarmEmail, nobody, e-mail",
        "allowPlainHttp, yes, 'not true or false'",
        "availabilityZoneIds, 'us-east-1a', 'not an AZ ID'",
        "githubRepository, just-a-name, owner/name",
        "connectionArn, arn:aws:s3:::bucket, connection ARN",
        "region, mars-1, AWS region"
    })
    void aBadValueFailsNamingItsKey(String key, String value, String explanation) {
        assertThatThrownBy(() -> read(Map.of(key, value)))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageStartingWith("Invalid CDK context '" + key + "'")
                .hasMessageContaining(explanation);
    }

    @ParameterizedTest
    @CsvSource({
        "maxTasks, 500, 'from 2 to 50'",
        "minTasks, 1, 'from 2 to 50'",
        "cpuThreshold, 95, 'from 10 to 90'",
        "memoryThreshold, 20, 'from 50 to 100'",
        "taskCpu, 300, 'not a Fargate size'",
        "taskMemory, 8192, 'does not go with taskCpu 512'"
    })
    void aBadSizingValueFailsNamingItsKey(String key, String value, String explanation) {
        assertThatThrownBy(() -> read(Map.of("profile", "standard", key, value)))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageStartingWith("Invalid CDK context '" + key + "'")
                .hasMessageContaining(explanation);
    }

    /**
     * Item 12: the Terraform demo's min/max capacity and thresholds, plus the task size, are
     * context keys.
     */
    @Test
    void sizingKeysAreReadAndValidatedTogether() {
        var sizing =
                read(Map.of(
                                "profile",
                                "standard",
                                "minTasks",
                                "3",
                                "maxTasks",
                                "9",
                                "cpuThreshold",
                                "45",
                                "memoryThreshold",
                                "80",
                                "taskCpu",
                                "1024",
                                "taskMemory",
                                "3072"))
                        .sizing();
        assertThat(sizing).isEqualTo(new Sizing(1024, 3072, 3, 9, 45, 80));
        assertThat(read(Map.of("profile", "standard", "minTasks", "6")).sizing().maxTasks())
                .isEqualTo(6);
        assertThatThrownBy(
                        () -> read(Map.of("profile", "standard", "minTasks", "5", "maxTasks", "3")))
                .hasMessageStartingWith("Invalid CDK context 'maxTasks'");
        assertThat(read(Map.of()).sizing()).isEqualTo(new Sizing(256, 512, 1, 1, 60, 90));
    }

    @ParameterizedTest
    @CsvSource({"minTasks, 2", "maxTasks, 3", "cpuThreshold, 50"})
    void leanRefusesScalingKeysBecauseItRunsExactlyOneTask(String key, String value) {
        assertThatThrownBy(() -> read(Map.of(key, value)))
                .hasMessageStartingWith("Invalid CDK context '" + key + "'")
                .hasMessageContaining("exactly one task");
    }

    /**
     * Item 14: passwords and tokens never cross an ALB in clear text unless a test environment says
     * so.
     */
    @Test
    void anAlbWithoutADomainNeedsTheNamedOptInAndNeverInProd() {
        Map<String, Object> alb = Map.of("profile", "standard", "ingress", "alb");
        assertThatThrownBy(() -> read(alb))
                .hasMessageStartingWith("Invalid CDK context 'domain'")
                .hasMessageContaining("allowPlainHttp=true");
        var optedIn = new HashMap<String, Object>(alb);
        optedIn.put("allowPlainHttp", "true");
        assertThat(read(optedIn).allowPlainHttp()).isTrue();
        optedIn.put("env", "prod");
        assertThatThrownBy(() -> read(optedIn))
                .hasMessageStartingWith("Invalid CDK context 'allowPlainHttp'");
    }

    /** Item 5: VPC links exist only in listed AZs, so the subnets are pinned by AZ ID. */
    @Test
    void apiGatewayPinsTheSubnetsToZonesThatSupportVpcLinks() {
        assertThat(read(Map.of("region", "us-east-1")).availabilityZoneIds())
                .containsExactly("use1-az1");
        assertThat(read(Map.of("region", "us-east-1", "profile", "standard")).availabilityZoneIds())
                .containsExactly("use1-az1", "use1-az2");
        assertThat(
                        read(Map.of(
                                        "region",
                                        "eu-west-1",
                                        "availabilityZoneIds",
                                        "euw1-az2,euw1-az3"))
                                .availabilityZoneIds())
                .containsExactly("euw1-az2");
        assertThatThrownBy(() -> read(Map.of("region", "eu-west-1")))
                .hasMessageStartingWith("Invalid CDK context 'availabilityZoneIds'");
        assertThatThrownBy(
                        () ->
                                read(
                                        Map.of(
                                                "profile",
                                                "standard",
                                                "availabilityZoneIds",
                                                "use1-az1")))
                .hasMessageStartingWith("Invalid CDK context 'availabilityZoneIds'")
                .hasMessageContaining("needs 2");
        assertThat(
                        read(Map.of(
                                        "region",
                                        "eu-west-1",
                                        "profile",
                                        "standard",
                                        "ingress",
                                        "alb",
                                        "domain",
                                        "api.example.com",
                                        "certificateArn",
                                        CERTIFICATE))
                                .availabilityZoneIds())
                .isEmpty();
    }

    /** Item 4: one domain in both pipeline stages would create the same custom domain twice. */
    @Test
    void codePipelineGivesDevItsOwnDomainAndProdTheMainOne() {
        Map<String, Object> context =
                new HashMap<>(
                        Map.of(
                                "pipeline",
                                "codepipeline",
                                "domain",
                                "api.example.com",
                                "certificateArn",
                                CERTIFICATE,
                                "devDomain",
                                "dev.api.example.com",
                                "devCertificateArn",
                                CERTIFICATE));
        var config = read(context);
        assertThat(config.forPipelineEnvironment("dev").domain()).contains("dev.api.example.com");
        assertThat(config.forPipelineEnvironment("prod").domain()).contains("api.example.com");
        context.remove("devDomain");
        context.remove("devCertificateArn");
        assertThat(read(context).forPipelineEnvironment("dev").domain()).isEmpty();
        assertThatThrownBy(
                        () ->
                                read(
                                        Map.of(
                                                "devDomain",
                                                "dev.api.example.com",
                                                "devCertificateArn",
                                                CERTIFICATE)))
                .hasMessageStartingWith("Invalid CDK context 'devDomain'")
                .hasMessageContaining("codepipeline");
    }

    @Test
    void aPipelineWithAnAlbNeedsADevDomainOrTheOptInForDev() {
        Map<String, Object> context =
                new HashMap<>(
                        Map.of(
                                "pipeline",
                                "codepipeline",
                                "profile",
                                "standard",
                                "ingress",
                                "alb",
                                "domain",
                                "api.example.com",
                                "certificateArn",
                                CERTIFICATE));
        assertThatThrownBy(() -> read(context).forPipelineEnvironment("dev"))
                .hasMessageStartingWith("Invalid CDK context 'devDomain'");
        context.put("allowPlainHttp", "true");
        assertThat(read(context).forPipelineEnvironment("dev").allowPlainHttp()).isTrue();
        assertThat(read(context).forPipelineEnvironment("prod").allowPlainHttp()).isFalse();
    }

    /**
     * The pipeline's build re-synthesizes from these arguments; a key left out would change what it
     * deploys.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "profile=lean",
                "profile=standard|ingress=alb|database=mongodb|domain=api.example.com|minTasks=3|maxTasks=7|cpuThreshold=40",
                "pipeline=codepipeline|profile=standard|ingress=alb|allowPlainHttp=true|devDomain=dev.example.com|taskCpu=1024|taskMemory=2048",
                "githubRepository=o/r|githubBranch=release|alarmEmail=ops@example.com|memoryThreshold=70|region=us-west-2",
                "profile=standard|tracing=xray"
            })
    void contextArgumentsReproduceTheConfiguration(String pairs) {
        Map<String, Object> context = new HashMap<>();
        for (String pair : pairs.split("\\|")) {
            context.put(
                    pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        if (context.containsKey("domain") || context.containsKey("devDomain")) {
            context.putIfAbsent("certificateArn", CERTIFICATE);
            if (context.containsKey("devDomain")) {
                context.put("devCertificateArn", CERTIFICATE);
            }
        }
        context.put(
                "connectionArn",
                "arn:aws:codeconnections:us-east-1:123456789012:connection/abc-123");
        var config = read(context);
        Map<String, Object> reread = new HashMap<>();
        for (String argument : config.contextArguments()) {
            String pair = argument.substring("-c ".length());
            reread.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertThat(read(reread)).isEqualTo(config);
    }

    @ParameterizedTest
    @CsvSource({
        "lean, alb, sqlite, ingress",
        "lean, apigateway, postgres, database",
        "lean, apigateway, mongodb, database",
        "standard, apigateway, sqlite, database",
        "standard, alb, sqlite, database"
    })
    void combinationsDesignMdRulesOutAreRejected(
            String profile, String ingress, String database, String key) {
        assertThatThrownBy(
                        () ->
                                read(
                                        Map.of(
                                                "profile",
                                                profile,
                                                "ingress",
                                                ingress,
                                                "database",
                                                database)))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageStartingWith("Invalid CDK context '" + key + "'");
    }

    @Test
    void domainAndCertificateGoTogether() {
        assertThatThrownBy(() -> read(Map.of("domain", "api.example.com")))
                .hasMessageStartingWith("Invalid CDK context 'certificateArn'");
        assertThatThrownBy(
                        () ->
                                read(
                                        Map.of(
                                                "certificateArn",
                                                "arn:aws:acm:us-east-1:123456789012:certificate/1b2c3d4e-aaaa-bbbb-cccc-1234567890ab")))
                .hasMessageStartingWith("Invalid CDK context 'domain'");
    }

    @Test
    void aServiceStackNeedsAnImageTag() {
        assertThatThrownBy(() -> read(Map.of()).requiredImageTag())
                .hasMessageStartingWith("Invalid CDK context 'imageTag'")
                .hasMessageContaining("git rev-parse HEAD");
        assertThat(read(Map.of("imageTag", "3f2a9c1e")).requiredImageTag()).isEqualTo("3f2a9c1e");
    }

    @Test
    void onlyTheProdEnvironmentIsProd() {
        assertThat(read(Map.of("env", "prod")).isProd()).isTrue();
        assertThat(read(Map.of("env", "staging")).isProd()).isFalse();
        assertThat(read(Map.of("env", "prod")).forPipelineEnvironment("dev").isProd()).isFalse();
    }
}
