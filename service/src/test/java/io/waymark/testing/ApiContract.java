package io.waymark.testing;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's own {@code /openapi.json} as a contract for its answers: for a request to a
 * documented operation, the status must be documented (an error may fall under {@code default}, a
 * success never), the Content-Type must be one the answer documents, the headers it requires must
 * be there, and the body must fit the documented schema (JSON Schema 2020-12, the dialect of
 * OpenAPI 3.1, with date-time and the other formats checked). Requests to paths the document does
 * not describe (the web page, Swagger UI) are not its business.
 */
public final class ApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DOCUMENT = "https://waymark.test/openapi.json";
    private static final Map<String, ApiContract> byService = new ConcurrentHashMap<>();

    private final JsonNode document;
    private final List<Route> routes = new ArrayList<>();
    private final SchemaRegistry schemas;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /** A documented path, as a pattern matching the request paths it covers. */
    private record Route(String template, Pattern pattern, int variables) {}

    ApiContract(String documentText) {
        this.document = JSON.readTree(documentText);
        for (var path : document.get("paths").properties()) {
            String template = path.getKey();
            String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            routes.add(
                    new Route(
                            template,
                            Pattern.compile(regex),
                            template.split("\\{", -1).length - 1));
        }
        // A literal segment wins over a variable: /api/v1/locations/latest is not
        // /api/v1/locations/{something}.
        routes.sort(Comparator.comparingInt(Route::variables));
        this.schemas =
                SchemaRegistry.withDefaultDialect(
                        Dialects.getOpenApi31(),
                        builder ->
                                builder.schemas(Map.of(DOCUMENT, documentText))
                                        .schemaRegistryConfig(
                                                SchemaRegistryConfig.builder()
                                                        .formatAssertionsEnabled(true)
                                                        .build()));
    }

    /** The contract of this service, from its {@code /openapi.json}. */
    public static ApiContract of(Api api) {
        return of(
                api.baseUrl(),
                () -> Api.unchecked(api.baseUrl()).get("/openapi.json", null).body());
    }

    /**
     * The contract of the service at this base URL, fetched once from its {@code /openapi.json}.
     */
    static ApiContract of(String baseUrl, Supplier<String> fetch) {
        return byService.computeIfAbsent(baseUrl, url -> new ApiContract(fetch.get()));
    }

    /** The documented operation a request goes to: method (HEAD as its GET) and path template. */
    public Optional<String> operation(String method, String target) {
        String path = target.split("[?#]", 2)[0];
        String documented =
                method.equalsIgnoreCase("HEAD") ? "get" : method.toLowerCase(Locale.ROOT);
        for (Route route : routes) {
            if (route.pattern().matcher(path).matches()) {
                return document.get("paths").get(route.template()).has(documented)
                        ? Optional.of(documented + " " + route.template())
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong with this answer to {@code method target}, or an empty list when it fits the
     * contract (or the request went to no documented operation).
     *
     * @param headers lower-cased header name to its first value
     */
    public List<String> violations(
            String method, String target, int status, Map<String, String> headers, String body) {
        Optional<String> operation = operation(method, target);
        if (operation.isEmpty()) {
            return List.of();
        }
        String[] key = operation.get().split(" ", 2);
        JsonNode responses = document.get("paths").get(key[1]).get(key[0]).get("responses");
        String code = Integer.toString(status);
        String where = method + " " + key[1] + " answered " + status;
        if (!responses.has(code) && !(status >= 400 && responses.has("default"))) {
            return List.of(
                    where
                            + ", a status the document does not list for it ("
                            + names(responses)
                            + ")");
        }
        if (!responses.has(code)) {
            code = "default";
        }
        JsonNode response = responses.get(code);
        List<String> violations = new ArrayList<>();
        for (var header : response.path("headers").properties()) {
            if (header.getValue().path("required").asBoolean(false)
                    && !headers.containsKey(header.getKey().toLowerCase(Locale.ROOT))) {
                violations.add(where + " without the required header " + header.getKey());
            }
        }
        boolean head = method.equalsIgnoreCase("HEAD");
        JsonNode content = response.path("content");
        if (content.isEmpty()) {
            if (!head && body != null && !body.isEmpty()) {
                violations.add(
                        where + " with a body, where the document says none: " + abbreviated(body));
            }
            return violations;
        }
        String contentType = headers.get("content-type");
        String media =
                contentType == null
                        ? ""
                        : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(media)) {
            violations.add(
                    where + " with Content-Type " + contentType + ", not one of " + names(content));
            return violations;
        }
        if (head) {
            return violations;
        }
        if (!media.equals("application/json") && !media.endsWith("+json")) {
            // A body in another format (GPX) is checked by a reader of that format in its tests.
            return violations;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            violations.add(where + " with a body that is not JSON: " + abbreviated(body));
            return violations;
        }
        String pointer =
                "#/paths/"
                        + escape(key[1])
                        + "/"
                        + key[0]
                        + "/responses/"
                        + code
                        + "/content/"
                        + escape(media)
                        + "/schema";
        List<Error> errors =
                compiled.computeIfAbsent(
                                pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT + p)))
                        .validate(json);
        errors.forEach(
                error ->
                        violations.add(
                                where
                                        + ": "
                                        + error.getInstanceLocation()
                                        + " "
                                        + error.getMessage()
                                        + " in "
                                        + abbreviated(body)));
        return violations;
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return String.join(", ", names);
    }

    /** JSON Pointer escaping (RFC 6901) of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
