package io.waymark;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.ServiceProcess;
import io.waymark.testing.TestStore;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jar's commands as real processes: exit codes, configuration failures, signals and logs. The
 * tests run at the same time: each mostly waits for a JVM of its own, with a store of its own.
 */
class CommandsTest {

    /** Generous: a JVM start takes seconds, many more on a loaded CI machine. */
    private static final Duration EXIT = Duration.ofMinutes(3);

    @TempDir Path temp;

    /**
     * What the process does is the same with the quick compiler and the serial collector, and it
     * starts in half the time.
     */
    private static ServiceProcess start(Map<String, String> environment, String... args) {
        return startWithInput(environment, null, args);
    }

    private static ServiceProcess startWithInput(
            Map<String, String> environment, String stdin, String... args) {
        return ServiceProcess.startWithJvmOptions(
                ServiceProcess.QUICK_START, environment, stdin, args);
    }

    private String sqliteUrl() {
        return "sqlite:" + temp.resolve("waymark.db");
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void badDatabaseUrlStopsStartUpWithOneLineNamingTheVariable() {
        try (var process = start(Map.of("DATABASE_URL", "ftp://example/db"))) {
            assertThat(process.waitForExit(EXIT)).isNotZero();
            assertThat(process.output())
                    .contains("DATABASE_URL: unsupported value 'ftp://example/db'; use sqlite:PATH")
                    .doesNotContain("\tat ");
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void badSettingsNameTheirVariable() {
        try (var ttl = start(Map.of("DATABASE_URL", sqliteUrl(), "WAYMARK_TOKEN_TTL", "5s"));
                var logFormat = start(Map.of("DATABASE_URL", sqliteUrl(), "LOG_FORMAT", "xml"));
                var tiles =
                        start(
                                Map.of(
                                        "DATABASE_URL",
                                        sqliteUrl(),
                                        "WAYMARK_MAP_TILES",
                                        "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"));
                var publicUrl =
                        start(
                                Map.of(
                                        "DATABASE_URL",
                                        sqliteUrl(),
                                        "WAYMARK_PUBLIC_URL",
                                        "api.example.com"))) {
            assertThat(ttl.waitForExit(EXIT)).isNotZero();
            assertThat(publicUrl.waitForExit(EXIT)).isNotZero();
            assertThat(publicUrl.output())
                    .contains(
                            "WAYMARK_PUBLIC_URL: must be an absolute http or https URL such as "
                                    + "https://api.example.com, got 'api.example.com'")
                    .doesNotContain("\tat ");
            assertThat(logFormat.waitForExit(EXIT)).isNotZero();
            assertThat(tiles.waitForExit(EXIT)).isNotZero();
            assertThat(ttl.output())
                    .contains("WAYMARK_TOKEN_TTL: must be between 1m and 24h")
                    .doesNotContain("\tat ");
            assertThat(logFormat.output())
                    .contains("LOG_FORMAT: must be 'text' or 'json'")
                    .doesNotContain("\tat ");
            assertThat(tiles.output())
                    .contains(
                            "WAYMARK_MAP_TILES: 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png' "
                                    + "needs a fixed http or https host without placeholders")
                    .doesNotContain("\tat ");
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest
    @EnumSource(TestStore.class)
    void migrateAppliesTheSchemaAndExitsZero(TestStore store) {
        Map<String, String> environment = store.newDatabaseEnvironment();
        try (var process = start(environment, "migrate")) {
            assertThat(process.waitForExit(EXIT)).as(process.output()).isZero();
            assertThat(process.output())
                    .contains("migrations applied")
                    .doesNotContain("Tomcat started");
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void migrateCreatesTheSqliteSchema() throws Exception {
        try (var process = start(Map.of("DATABASE_URL", sqliteUrl()), "migrate")) {
            assertThat(process.waitForExit(EXIT)).isZero();
        }
        try (var connection =
                        DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("waymark.db"));
                var tables =
                        connection
                                .createStatement()
                                .executeQuery(
                                        "SELECT name FROM sqlite_master WHERE type = 'table'")) {
            var names = new java.util.ArrayList<String>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertThat(names)
                    .contains("users", "signing_keys", "todos", "locations", "idempotency_keys");
        }
    }

    /**
     * Each feature sets up its own MongoDB collections ({@code MongoCollections} in its package),
     * and {@code migrate}, whose context holds no feature, still finds and runs every one.
     */
    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void migrateCreatesEveryFeaturesMongoIndexes() {
        String url = TestStore.MONGODB.newDatabase().get("database.url");
        try (var context =
                Commands.offline(
                        MigrationConfiguration.class, new String[] {"--database.url=" + url})) {
            MongoDatabase database = context.getBean(MongoDatabase.class);
            Map<String, List<String>> indexes = new TreeMap<>();
            for (String collection :
                    List.of("users", "signing_keys", "todos", "locations", "idempotency_keys")) {
                List<String> keys = new ArrayList<>();
                database.getCollection(collection)
                        .listIndexes()
                        .forEach(index -> keys.add(index.get("key", Document.class).toJson()));
                indexes.put(collection, keys);
            }

            assertThat(indexes.get("users")).contains("{\"user_name_key\": 1}", "{\"role\": 1}");
            assertThat(indexes.get("signing_keys")).contains("{\"kid\": 1}");
            assertThat(indexes.get("todos"))
                    .contains("{\"owner_id\": 1, \"deadline_sort\": 1, \"_id\": 1}");
            assertThat(indexes.get("locations"))
                    .contains("{\"user_id\": 1, \"recorded_at\": -1, \"_id\": -1}");
            assertThat(indexes.get("idempotency_keys"))
                    .contains("{\"owner_id\": 1, \"idem_key\": 1}", "{\"created_at\": 1}");
        }
    }

    /**
     * The image build runs {@code train} (the AOT cache's training run) with the defaults: every
     * request it makes must still be answered as it expects when an endpoint or a limit changes.
     */
    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void trainRunsEveryRoundUnderTheDefaultSettings() {
        Map<String, String> defaultLimits =
                Map.of(
                        "WAYMARK_LIMITS_TODOS_PER_MINUTE", "120",
                        "WAYMARK_LIMITS_PINGS_PER_MINUTE", "6000",
                        "WAYMARK_LIMITS_USERS_PER_MINUTE", "60");
        try (var process = start(defaultLimits, "train")) {
            assertThat(process.waitForExit(EXIT)).as(process.output()).isZero();
            assertThat(process.output())
                    .contains("waymark: trained on " + Training.ROUNDS + " rounds of requests");
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void migrateFailsWithTheReasonWhenTheStoreIsUnreachable() {
        try (var process =
                start(Map.of("DATABASE_URL", "postgresql://127.0.0.1:1/waymark"), "migrate")) {
            assertThat(process.waitForExit(EXIT)).isNotZero();
            assertThat(process.output()).contains("migrate failed:");
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void createAdminReadsThePasswordFromTheEnvironmentOrStdin() {
        Map<String, String> environment = Map.of("DATABASE_URL", sqliteUrl());
        // One after another, as an operator runs them: each process migrates the same SQLite file
        // on start.
        assertThat(
                        exitOf(
                                start(
                                        Map.of(
                                                "DATABASE_URL",
                                                sqliteUrl(),
                                                "WAYMARK_ADMIN_PASSWORD",
                                                Accounts.PASSWORD),
                                        "create-admin",
                                        "root")))
                .isZero();
        assertThat(
                        exitOf(
                                startWithInput(
                                        environment,
                                        Accounts.PASSWORD + "\n",
                                        "create-admin",
                                        "second-root")))
                .isZero();
        assertThat(
                        exitOf(
                                startWithInput(
                                        environment,
                                        Accounts.PASSWORD + "\n",
                                        "create-admin",
                                        "ROOT")))
                .isNotZero();
        try (var weak = startWithInput(environment, "short\n", "create-admin", "weak-root")) {
            assertThat(weak.waitForExit(EXIT)).isNotZero();
            assertThat(weak.output()).contains("'password' must be at least 12 characters");
        }
        try (var serve = start(environment)) {
            Api api = serve.awaitServing(EXIT);
            String token = new Accounts.SignIn(api).as("second-root", Accounts.PASSWORD);
            assertThat(api.get("/api/v1/auth/me", token).json().get("role").asString())
                    .isEqualTo("admin");
        }
    }

    private static int exitOf(ServiceProcess process) {
        try (process) {
            return process.waitForExit(EXIT);
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void serveBootstrapsTheAdminLogsRequestsWithoutSecretsAndStopsGracefullyOnSigterm()
            throws Exception {
        try (var serve =
                start(
                        Map.of(
                                "DATABASE_URL",
                                sqliteUrl(),
                                "WAYMARK_ADMIN_USER",
                                "boss",
                                "WAYMARK_ADMIN_PASSWORD",
                                Accounts.PASSWORD))) {
            Api api = serve.awaitServing(EXIT);
            String token = new Accounts.SignIn(api).as("boss", Accounts.PASSWORD);
            assertThat(api.get("/api/v1/auth/me", token).json().get("role").asString())
                    .isEqualTo("admin");

            // A registration whose body arrives slowly is in flight when SIGTERM comes; it must
            // still complete.
            CompletableFuture<Api.Response> inFlight =
                    CompletableFuture.supplyAsync(
                            () ->
                                    api.call("POST", "/api/v1/users")
                                            .body(
                                                    "application/json",
                                                    slowBody(
                                                            "{\"user_name\":\"late-comer\",\"password\":\""
                                                                    + Accounts.PASSWORD
                                                                    + "\"}"))
                                            .send());
            Thread.sleep(700);
            serve.terminate();

            assertThat(inFlight.get().status()).isEqualTo(201);
            assertThat(serve.waitForExit(Duration.ofSeconds(30))).isZero();
            String log = serve.output();
            assertThat(log).containsPattern("POST /api/v1/auth/token 200 \\d+ms request_id=\\S+");
            assertThat(log)
                    .contains("GET /api/v1/auth/me 200")
                    .doesNotContain(Accounts.PASSWORD, token);
        }
    }

    /**
     * Issue 23: on AWS every task starts with the same WAYMARK_ADMIN_* from the stack's secret, so
     * the bootstrap must create the admin once and never put the secret's password back after the
     * admin changed it.
     */
    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void theBootstrapAdminsChangedPasswordSurvivesARestartWithTheSameSettings() {
        Map<String, String> settings =
                Map.of(
                        "DATABASE_URL",
                        sqliteUrl(),
                        "WAYMARK_ADMIN_USER",
                        "first",
                        "WAYMARK_ADMIN_PASSWORD",
                        Accounts.PASSWORD);
        String changed = "a-new-password-of-the-admin";
        try (var serve = start(settings)) {
            Api api = serve.awaitServing(EXIT);
            String token = new Accounts.SignIn(api).as("first", Accounts.PASSWORD);
            String id = api.get("/api/v1/auth/me", token).json().get("id").asString();
            assertThat(
                            api.patch(
                                            "/api/v1/users/" + id,
                                            token,
                                            Map.of(
                                                    "password",
                                                    changed,
                                                    "current_password",
                                                    Accounts.PASSWORD))
                                    .status())
                    .isEqualTo(200);
        }
        try (var again = start(settings)) {
            Api api = again.awaitServing(EXIT);
            String token = new Accounts.SignIn(api).as("first", changed);
            assertThat(api.get("/api/v1/auth/me", token).json().get("role").asString())
                    .isEqualTo("admin");
            assertThat(
                            api.call("POST", "/api/v1/auth/token")
                                    .body(
                                            "application/x-www-form-urlencoded",
                                            "grant_type=password&username=first&password="
                                                    + Accounts.PASSWORD)
                                    .send()
                                    .status())
                    .isEqualTo(401);
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void jsonLogFormatWritesStructuredLines() {
        try (var serve = start(Map.of("DATABASE_URL", sqliteUrl(), "LOG_FORMAT", "json"))) {
            Api api = serve.awaitServing(EXIT);
            api.call("GET", "/health").header("X-Request-Id", "json-log-check").send();
            serve.terminate();
            serve.waitForExit(Duration.ofSeconds(30));

            String requestLine =
                    serve.output()
                            .lines()
                            .filter(line -> line.contains("json-log-check"))
                            .findFirst()
                            .orElseThrow();
            var json = JsonMapper.builder().build().readTree(requestLine);
            assertThat(json.get("message").asString()).contains("GET /health 200");
            assertThat(json.get("request_id").asString()).isEqualTo("json-log-check");
        }
    }

    /**
     * Sends the first byte, then the rest after a pause: long enough for the test to send SIGTERM
     * meanwhile.
     */
    private static HttpRequest.BodyPublisher slowBody(String json) {
        byte[] bytes = json.getBytes();
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return bytes.length;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                subscriber.onSubscribe(
                        new Flow.Subscription() {
                            private int sent;

                            @Override
                            public void request(long n) {
                                if (sent == 0) {
                                    sent = 1;
                                    subscriber.onNext(ByteBuffer.wrap(bytes, 0, 1));
                                } else if (sent == 1) {
                                    sent = 2;
                                    CompletableFuture.runAsync(
                                            () -> {
                                                try {
                                                    Thread.sleep(2000);
                                                } catch (InterruptedException ignored) {
                                                    Thread.currentThread().interrupt();
                                                }
                                                subscriber.onNext(
                                                        ByteBuffer.wrap(
                                                                bytes, 1, bytes.length - 1));
                                                subscriber.onComplete();
                                            });
                                }
                            }

                            @Override
                            public void cancel() {}
                        });
            }
        };
    }

    @Execution(ExecutionMode.CONCURRENT)
    @Test
    void unknownCommandIsAUsageErrorThatOpensNoStore() {
        // A database where the process would create one if it opened the store: starting any
        // command does.
        try (var process = start(Map.of("DATABASE_URL", sqliteUrl()), "explode")) {
            assertThat(process.waitForExit(EXIT)).isEqualTo(2);
            assertThat(process.output()).contains("unknown command 'explode'");
        }
        assertThat(temp.resolve("waymark.db")).as("the store was never opened").doesNotExist();
    }
}
