package io.waymark;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.contract.DeployedSetting;
import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.ServiceProcess;
import io.waymark.testing.TestStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code serve} starts from the context the build processed (Spring AOT) when this run's settings
 * would choose the same beans, and the ordinary way when a setting a condition reads differs. The
 * build runs process-aot before the tests, so the service processes here start as the jar does
 * (with the quick compiler: the context chosen does not depend on it). They start at the same time,
 * each on a store of its own.
 */
class BuildTimeContextTest {

    private static final Duration START = Duration.ofMinutes(3);
    private static final String PROCESSED = "Starting from the build-time context";
    private static final String ORDINARY = "Starting without the build-time context";

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void theBuildRecordsTheSettingsItsConditionsRead() throws IOException {
        Properties inputs = new Properties();
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream(BuildTimeContext.INPUTS)) {
            assertThat(in).as("process-aot ran before the tests").isNotNull();
            inputs.load(in);
        }
        assertThat(inputs.stringPropertyNames())
                .contains(
                        "database.url",
                        "management.opentelemetry.tracing.export.otlp.endpoint",
                        "management.server.port",
                        "server.port",
                        BuildTimeContext.PROFILES)
                // PORT only fills in server.port's placeholder; the application's name is read by
                // no condition; the CloudWatch namespace is read by a bean that is always there.
                .doesNotContain("PORT", "spring.application.name", "waymark.cloudwatch.namespace");
        assertThat(inputs.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .as("unset at build time")
                .isEmpty();
        assertThat(inputs.getProperty("database.url"))
                .as("what the store condition sees of it: the family, not the file")
                .isEqualTo(BuildTimeContext.fingerprint("JDBC"));
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest
    @EnumSource(TestStore.class)
    void everyStoreServesAndOnlyMongoDbNeedsTheOrdinaryStart(TestStore store) {
        try (var serve =
                ServiceProcess.startWithJvmOptions(
                        ServiceProcess.QUICK_START, store.newDatabaseEnvironment())) {
            Api api = serve.awaitServing(START);
            assertSignedInReadWorks(api);
            if (store == TestStore.MONGODB) {
                assertThat(serve.output())
                        .contains(ORDINARY + ": database.url")
                        .doesNotContain(PROCESSED);
            } else {
                assertThat(serve.output()).contains(PROCESSED).doesNotContain(ORDINARY);
            }
        }
    }

    /**
     * What every AWS deployment gives serve ({@link DeployedSetting}, which infra's
     * DeployedSettingsTest holds equal to the synthesized task definitions), on a SQLite file of
     * its own and a free port.
     */
    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void theSettingsOfAnAwsDeploymentKeepTheProcessedContext() {
        Map<String, String> environment = new HashMap<>();
        for (DeployedSetting setting : DeployedSetting.values()) {
            environment.put(setting.name(), setting.example());
        }
        environment.putAll(TestStore.SQLITE.newDatabaseEnvironment());
        environment.put("PORT", "0");
        try (var serve =
                ServiceProcess.startWithJvmOptions(ServiceProcess.QUICK_START, environment)) {
            assertSignedInReadWorks(serve.awaitServing(START));
            assertThat(serve.output()).contains(PROCESSED).doesNotContain(ORDINARY);
        }
    }

    /**
     * {@code -c tracing=xray}: the OTLP endpoint adds the exporter (TracingTest follows a span).
     */
    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void aSettingThatAddsABeanStartsTheOrdinaryWay() {
        Map<String, String> environment = TestStore.SQLITE.newDatabaseEnvironment();
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318");
        try (var serve =
                ServiceProcess.startWithJvmOptions(ServiceProcess.QUICK_START, environment)) {
            serve.awaitServing(START);
            assertThat(serve.output())
                    // The first of the endpoints it sets (logs, then traces) that a condition read.
                    .containsPattern(
                            ORDINARY
                                    + ": management\\.opentelemetry\\.\\w+\\.export\\.otlp\\.endpoint")
                    .doesNotContain(PROCESSED);
        }
    }

    private static void assertSignedInReadWorks(Api api) {
        String name = Accounts.uniqueName("aot");
        api.post("/api/v1/users", null, Map.of("user_name", name, "password", Accounts.PASSWORD));
        String token = new Accounts.SignIn(api).as(name, Accounts.PASSWORD);
        assertThat(api.get("/api/v1/auth/me", token).json().get("user_name").asString())
                .isEqualTo(name);
    }
}
