package io.waymark.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Context values are validated before any construct exists, with the offending key in the message. */
class DeploymentConfigTest {

    private static DeploymentConfig read(Map<String, Object> context) {
        return DeploymentConfig.fromContext(context::get);
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
        assertThat(config.authorizerJar().toString()).isEqualTo(DeploymentConfig.DEFAULT_AUTHORIZER_JAR);
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
            "maxTasks, 500, 'from 2 to 50'",
            "githubRepository, just-a-name, owner/name",
            "connectionArn, arn:aws:s3:::bucket, connection ARN",
            "region, mars-1, AWS region"})
    void aBadValueFailsNamingItsKey(String key, String value, String explanation) {
        assertThatThrownBy(() -> read(Map.of(key, value)))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageStartingWith("Invalid CDK context '" + key + "'")
                .hasMessageContaining(explanation);
    }

    @ParameterizedTest
    @CsvSource({
            "lean, alb, sqlite, ingress",
            "lean, apigateway, postgres, database",
            "lean, apigateway, mongodb, database",
            "standard, apigateway, sqlite, database",
            "standard, alb, sqlite, database"})
    void combinationsDesignMdRulesOutAreRejected(String profile, String ingress, String database, String key) {
        assertThatThrownBy(() -> read(Map.of("profile", profile, "ingress", ingress, "database", database)))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageStartingWith("Invalid CDK context '" + key + "'");
    }

    @Test
    void domainAndCertificateGoTogether() {
        assertThatThrownBy(() -> read(Map.of("domain", "api.example.com")))
                .hasMessageStartingWith("Invalid CDK context 'certificateArn'");
        assertThatThrownBy(() -> read(Map.of("certificateArn",
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
        assertThat(read(Map.of("env", "prod")).withEnvName("dev").isProd()).isFalse();
    }
}
