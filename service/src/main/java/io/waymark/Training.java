package io.waymark;

import io.waymark.shared.Endpoint;
import io.waymark.web.DeclaredEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code train} command: the image's AOT cache training run (JDK 25, {@code
 * -XX:AOTCacheOutput}). It starts {@code serve} on a throw-away SQLite file and loopback, sends it
 * the request mix of real use a few hundred times, and exits; the JVM then writes the classes it
 * loaded and linked, and the method profiles it gathered, into the cache. A cache trained on
 * start-up alone leaves every request path to be loaded and profiled while the first users wait.
 *
 * <p>The mix is every endpoint's own examples ({@code @Endpoint}, read from the running service's
 * handler mappings), sent by a signed-in admin in the order of a resource's life (create, read,
 * change, delete), plus the page and the docs. An answer with another status than its example
 * states stops the run, so a renamed endpoint or a changed body fails {@code train} and the build
 * ({@code CommandsTest}), not the image build; so does an example no round sent.
 */
final class Training {

    static final int ROUNDS = 300;
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    private static final Pattern MEMBER = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final String USER = "trainer";
    private static final String PASSWORD = "training-password-1";

    /** The order of a resource's life within a round. */
    private static final List<String> LIFE = List.of("POST", "GET", "PUT", "PATCH", "DELETE");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final List<DeclaredEndpoints.Declared> endpoints;

    /** Not ours, so not declared: the web page and the API description. */
    private final List<String> pages;

    /** The id the last successful POST to each collection answered. */
    private final Map<String, String> made = new HashMap<>();

    /** {@code {devices.key}}: each text member of the last answer to a POST to that collection. */
    private final Map<String, String> learned = new HashMap<>();

    private final Set<String> sent = new HashSet<>();
    private String token = "";

    private Training(String base, List<DeclaredEndpoints.Declared> endpoints, List<String> pages) {
        this.base = base;
        this.endpoints =
                endpoints.stream()
                        .sorted(
                                Comparator.comparing(
                                                (DeclaredEndpoints.Declared e) ->
                                                        LIFE.indexOf(e.method()))
                                        .thenComparing(DeclaredEndpoints.Declared::path))
                        .toList();
        this.pages = pages;
    }

    static int run(String[] args) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("waymark-training");
        String[] settings = {
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--database.url=sqlite:" + directory.resolve("training.db"),
            "--logging.level.io.waymark.request=warn",
            // The examples are sent by an admin: an admin may call every endpoint.
            "--waymark.admin.user=" + USER,
            "--waymark.admin.password=" + PASSWORD,
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
        Commands.offline(MigrationConfiguration.class, settings).close();
        SpringApplication application = new SpringApplication(WaymarkApplication.class);
        // The context serve starts from, so that the AOT cache holds the classes serve loads.
        BuildTimeContext.useWhenItMatches(application);
        try (ConfigurableApplicationContext context = application.run(settings)) {
            Training training =
                    new Training(
                            "http://127.0.0.1:"
                                    + context.getEnvironment().getProperty("local.server.port"),
                            context.getBean(DeclaredEndpoints.class).all(),
                            List.of(
                                    "/",
                                    context.getEnvironment()
                                            .getProperty("springdoc.api-docs.path")));
            for (int round = 0; round < ROUNDS; round++) {
                training.round(round);
            }
            training.everyExampleWasSent();
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

    private void round(int round) throws IOException, InterruptedException {
        for (DeclaredEndpoints.Declared endpoint : endpoints) {
            Endpoint.Example[] examples = endpoint.declaration().examples();
            for (int i = 0; i < examples.length; i++) {
                if (round % examples[i].every() == 0) {
                    send(endpoint, examples[i], round, i);
                }
            }
        }
        if (round % 20 == 0) {
            for (String page : pages) {
                http.send(request("GET", page, null, null).build(), BodyHandlers.discarding());
            }
        }
    }

    private void send(
            DeclaredEndpoints.Declared endpoint, Endpoint.Example example, int round, int index)
            throws IOException, InterruptedException {
        String path = path(endpoint, example);
        if (path == null) {
            // Its resource was deleted earlier in this run and none made since: next time.
            return;
        }
        if (!example.query().isEmpty()) {
            path += "?" + fill(example.query(), round);
        }
        String body = example.body().isEmpty() ? null : fill(example.body(), round);
        String contentType =
                !example.contentType().isEmpty()
                        ? example.contentType()
                        : body == null ? null : "application/json";
        HttpRequest.Builder request = request(endpoint.method(), path, contentType, body);
        for (String header : example.headers()) {
            int colon = header.indexOf(':');
            // Set, not added: an example's own Authorization (a device key) replaces the admin's.
            request.setHeader(
                    header.substring(0, colon).trim(),
                    basic(fill(header.substring(colon + 1).trim(), round)));
        }
        HttpResponse<String> answer = http.send(request.build(), BodyHandlers.ofString());
        if (answer.statusCode() != example.status()) {
            throw new IllegalStateException(
                    "Training example "
                            + (index + 1)
                            + " of "
                            + endpoint
                            + ", "
                            + endpoint.method()
                            + " "
                            + path
                            + ", answered "
                            + answer.statusCode()
                            + " instead of "
                            + example.status()
                            + ": "
                            + answer.body());
        }
        sent.add(endpoint + " #" + index);
        learn(endpoint, answer);
    }

    /**
     * The token of a sign-in, the id and the other text members a POST answered, and that a DELETE
     * unmade the id.
     */
    private void learn(DeclaredEndpoints.Declared endpoint, HttpResponse<String> answer) {
        // Only an OAuth token answer (RFC 6749, 5.1, with its token_type): a device's Overland
        // settings name an access_token too, which is its device key.
        Matcher issued = TOKEN.matcher(answer.body());
        if (answer.body().contains("\"token_type\"") && issued.find()) {
            token = issued.group(1);
        }
        Matcher id = ID.matcher(answer.body());
        if (endpoint.method().equals("POST") && answer.statusCode() / 100 == 2 && id.find()) {
            made.put(endpoint.path(), id.group(1));
            String collection = endpoint.path().substring(endpoint.path().lastIndexOf('/') + 1);
            Matcher member = MEMBER.matcher(answer.body());
            while (member.find()) {
                learned.put("{" + collection + "." + member.group(1) + "}", member.group(2));
            }
        }
        if (endpoint.method().equals("DELETE")) {
            made.remove(endpoint.path().substring(0, endpoint.path().lastIndexOf("/{")));
        }
    }

    /**
     * The path with its variables: those the example names, else the id the last POST to the
     * collection before the variable made; null when that is none.
     */
    private String path(DeclaredEndpoints.Declared endpoint, Endpoint.Example example) {
        Map<String, String> named = new HashMap<>();
        for (String variable : example.variables()) {
            int equals = variable.indexOf('=');
            named.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        Matcher variable = VARIABLE.matcher(endpoint.path());
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String value = named.get(variable.group(1));
            if (value == null) {
                value = made.get(endpoint.path().substring(0, variable.start() - 1));
            }
            if (value == null) {
                return null;
            }
            variable.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        variable.appendTail(path);
        return path.toString();
    }

    private String fill(String text, int round) {
        // A position's time: a second earlier each round, so no two rounds send the same fix.
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(round);
        String filled =
                text.replace("{round}", Integer.toString(round))
                        .replace("{epoch}", Long.toString(at.getEpochSecond()))
                        .replace("{now}", at.toString())
                        .replace("{user}", USER)
                        .replace("{password}", PASSWORD);
        for (Map.Entry<String, String> member : learned.entrySet()) {
            filled = filled.replace(member.getKey(), member.getValue());
        }
        return filled;
    }

    /** {@code Basic user:password} as RFC 7617 sends it: the credentials in Base64. */
    private static String basic(String value) {
        String scheme = "Basic ";
        return value.startsWith(scheme)
                ? scheme
                        + Base64.getEncoder()
                                .encodeToString(
                                        value.substring(scheme.length())
                                                .getBytes(StandardCharsets.UTF_8))
                : value;
    }

    private void everyExampleWasSent() {
        for (DeclaredEndpoints.Declared endpoint : endpoints) {
            for (int i = 0; i < endpoint.declaration().examples().length; i++) {
                if (!sent.contains(endpoint + " #" + i)) {
                    throw new IllegalStateException(
                            "Training never sent example " + (i + 1) + " of " + endpoint);
                }
            }
        }
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
}
