package io.waymark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code train} command: the image's AOT cache training run (JDK 25, {@code
 * -XX:AOTCacheOutput}). It starts {@code serve} on a throw-away SQLite file and loopback, sends it
 * the request mix of real use (sign-in, to-dos, pings, their errors, the page and the docs) a few
 * hundred times, and exits; the JVM then writes the classes it loaded and linked, and the method
 * profiles it gathered, into the cache. A cache trained on start-up alone leaves every request path
 * to be loaded and profiled while the first users wait.
 */
final class Training {

    static final int ROUNDS = 300;
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern KEY = Pattern.compile("\"key\":\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    private static final String PASSWORD = "training-password-1";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String token = "";
    private String deviceKey = "";

    private Training(String base) {
        this.base = base;
    }

    static int run(String[] args) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("waymark-training");
        String[] settings = {
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--database.url=sqlite:" + directory.resolve("training.db"),
            "--logging.level.io.waymark.request=warn",
            // One user writing as fast as it can is the point here, not abuse: no per-user limits.
            "--waymark.limits.todos-per-minute=" + Integer.MAX_VALUE,
            "--waymark.limits.pings-per-minute=" + Integer.MAX_VALUE,
            "--waymark.limits.users-per-minute=" + Integer.MAX_VALUE,
            "--waymark.limits.ingest.per-device-per-minute=" + Integer.MAX_VALUE,
            "--waymark.limits.ingest.per-address-per-minute=" + Integer.MAX_VALUE
        };
        // An ordinary context start first (migrate's): the cache then also holds the classes of
        // configuration parsing, which serve needs when a setting keeps it off its build-time
        // context.
        Commands.offline(Migration.class, settings).close();
        SpringApplication application = new SpringApplication(WaymarkApplication.class);
        // The context serve starts from, so that the AOT cache holds the classes serve loads.
        BuildTimeContext.useWhenItMatches(application);
        try (ConfigurableApplicationContext context = application.run(settings)) {
            Training training =
                    new Training(
                            "http://127.0.0.1:"
                                    + context.getEnvironment().getProperty("local.server.port"));
            training.signUp();
            for (int round = 0; round < ROUNDS; round++) {
                training.round(round);
            }
        } finally {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
        System.out.println("waymark: trained on " + ROUNDS + " rounds of requests");
        return 0;
    }

    private void signUp() throws IOException, InterruptedException {
        send(
                "POST",
                "/api/v1/users",
                "application/json",
                "{\"user_name\":\"trainer\",\"password\":\"" + PASSWORD + "\"}");
        token =
                first(
                        TOKEN,
                        send(
                                "POST",
                                "/api/v1/auth/token",
                                "application/x-www-form-urlencoded",
                                "grant_type=password&username=trainer&password=" + PASSWORD));
        deviceKey =
                first(
                        KEY,
                        send(
                                "POST",
                                "/api/v1/devices",
                                "application/json",
                                "{\"name\":\"trainer's phone\"}"));
    }

    /** A phone's requests: the OsmAnd query, Traccar Client's JSON and an Overland batch. */
    private void phone(int round) throws IOException, InterruptedException {
        long at = System.currentTimeMillis() / 1000 - round;
        send(
                "GET",
                "/api/v1/ingest/osmand?id="
                        + deviceKey
                        + "&lat=51.5&lon=-0.12&timestamp="
                        + at
                        + "&speed=3.5&bearing=90&batt=80",
                null,
                null);
        send(
                "POST",
                "/api/v1/ingest/osmand",
                "application/json",
                "{\"device_id\":\""
                        + deviceKey
                        + "\",\"location\":{\"timestamp\":\""
                        + Instant.ofEpochSecond(at).plusMillis(500)
                        + "\",\"coords\":{\"latitude\":51.5,\"longitude\":-0.12,\"speed\":1.5},"
                        + "\"battery\":{\"level\":0.8}}}");
        send(
                "POST",
                "/api/v1/ingest/overland?token=" + deviceKey,
                "application/json",
                "{\"locations\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                        + "\"coordinates\":[-0.12,51.5]},\"properties\":{\"timestamp\":\""
                        + Instant.ofEpochSecond(at).plusMillis(250)
                        + "\",\"speed\":2,\"battery_level\":0.8}}]}");
    }

    private void round(int round) throws IOException, InterruptedException {
        send("GET", "/health", null, null);
        send("GET", "/health/ready", null, null);
        send("GET", "/api/v1/auth/me", null, null);
        String todo =
                first(
                        ID,
                        send(
                                "POST",
                                "/api/v1/todos",
                                "application/json",
                                "{\"title\":\"train "
                                        + round
                                        + "\",\"description\":\"a mix\",\"deadline\":\"2030-01-01T00:00:00Z\",\"priority\":3}"));
        sendWithKey("/api/v1/todos", "{\"title\":\"idempotent\"}", "key-" + round);
        sendWithKey("/api/v1/todos", "{\"title\":\"idempotent\"}", "key-" + round);
        send("GET", "/api/v1/todos/" + todo, null, null);
        send(
                "GET",
                "/api/v1/todos?limit=20&sort=deadline&order=desc&status=pending&q=train",
                null,
                null);
        send(
                "PUT",
                "/api/v1/todos/" + todo,
                "application/json",
                "{\"title\":\"replaced\",\"status\":\"in_progress\"}");
        send(
                "PATCH",
                "/api/v1/todos/" + todo,
                "application/merge-patch+json",
                "{\"status\":\"completed\",\"deadline\":null}");
        send(
                "POST",
                "/api/v1/locations",
                "application/json",
                "{\"lat\":51.5,\"lng\":-0.12,\"accuracy_m\":5}");
        send(
                "POST",
                "/api/v1/locations",
                "application/json",
                "{\"pings\":[{\"lat\":51.500001,\"lng\":-0.120001},{\"lat\":51.500002,\"lng\":-0.120002}]}");
        send("GET", "/api/v1/locations/latest", null, null);
        phone(round);
        send("GET", "/api/v1/todos/not-a-todo", null, null);
        send("POST", "/api/v1/todos", "application/json", "{\"title\":\"\",\"priority\":-1}");
        send("DELETE", "/api/v1/todos/" + todo, null, null);
        if (round % 20 == 0) {
            String me = first(ID, send("GET", "/api/v1/auth/me", null, null));
            send("GET", "/api/v1/users/" + me + "/locations?limit=50", null, null);
            send("GET", "/.well-known/jwks.json", null, null);
            send("GET", "/", null, null);
            send("GET", "/openapi.json", null, null);
            send(
                    "POST",
                    "/api/v1/auth/token",
                    "application/json",
                    "{\"grant_type\":\"password\",\"username\":\"trainer\",\"password\":\""
                            + PASSWORD
                            + "\"}");
        }
    }

    private void sendWithKey(String path, String body, String key)
            throws IOException, InterruptedException {
        http.send(
                request("POST", path, "application/json", body)
                        .header("Idempotency-Key", key)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private String send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(
                        request(method, path, contentType, body).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private HttpRequest.Builder request(
            String method, String path, String contentType, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("Training request failed: " + text);
        }
        return matcher.group(1);
    }
}
