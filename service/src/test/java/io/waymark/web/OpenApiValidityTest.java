package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.waymark.shared.ProblemType;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live {@code /openapi.json} is a document a client generator takes as it is: swagger-parser
 * (what {@code openapi-generator validate} runs) reports nothing, and it describes only what
 * clients call.
 */
class OpenApiValidityTest {

    private final Api api = RunningService.on(TestStore.SQLITE).api();
    private final String text = api.get("/openapi.json", null).body();
    private final JsonNode document = JsonMapper.builder().build().readTree(text);

    @Test
    void theValidatorOfOpenApiGeneratorReportsNoErrorAndNoWarning() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getComponents().getSchemas()).containsKey("Problem");
    }

    @Test
    void noFrameworkOperationOrParameterIsDescribed() {
        List<String> paths = new ArrayList<>();
        document.get("paths").propertyNames().forEach(paths::add);
        List<String> parameters = new ArrayList<>();
        operations()
                .forEach(
                        op ->
                                op.path("parameters")
                                        .forEach(p -> parameters.add(p.get("name").asString())));

        assertThat(paths).doesNotContain("/error").allMatch(path -> !path.startsWith("/actuator"));
        assertThat(parameters).doesNotContain("caller", "request", "http", "caller_optional");
        assertThat(text).doesNotContain("\"*/*\"", "JsonNode", "ProblemDetail");
    }

    @Test
    void everyRequestBodyHasARealSchema() {
        for (JsonNode operation : operations()) {
            for (var media : operation.path("requestBody").path("content").properties()) {
                JsonNode schema = media.getValue().get("schema");
                assertThat(schema.has("$ref") || schema.has("properties"))
                        .as(operation.path("summary").asString() + " " + media.getKey())
                        .isTrue();
            }
        }
        assertThat(document.at("/components/schemas/TodoPatch/properties").has("deadline"))
                .isTrue();
        assertThat(
                        document.at("/components/schemas/TodoPatch/additionalProperties")
                                .asBoolean(true))
                .isFalse();
    }

    private static final Set<String> DOWNLOADS =
            Set.of("application/gpx+xml", "application/geo+json");

    @Test
    void everyErrorIsAProblemAndThoseToWaitOnSayHowLong() {
        for (JsonNode operation : operations()) {
            for (var response : operation.get("responses").properties()) {
                String status = response.getKey();
                String name = operation.path("summary").asString() + " " + status;
                if (status.startsWith("4") || status.startsWith("5") || status.equals("default")) {
                    assertThat(
                                    response.getValue()
                                            .at("/content/application~1problem+json/schema/$ref")
                                            .asString())
                            .as(name)
                            .isEqualTo("#/components/schemas/Problem");
                } else {
                    // JSON, or a track's download format, which only the track has.
                    assertThat(response.getValue().path("content").propertyNames())
                            .as(name)
                            .allMatch(
                                    media ->
                                            media.equals("application/json")
                                                    || name.startsWith("A user's track")
                                                            && DOWNLOADS.contains(media));
                }
                if (status.equals("429")
                        || (status.equals("503") && !name.startsWith("Readiness"))) {
                    assertThat(response.getValue().at("/headers/Retry-After/required").asBoolean())
                            .as(name)
                            .isTrue();
                }
            }
        }
        JsonNode problem = document.at("/components/schemas/Problem");
        assertThat(problem.get("required").toString()).contains("type", "title", "status");
        assertThat(problem.at("/properties/type/pattern").asString())
                .isEqualTo("^urn:waymark:problem:[a-z0-9-]+$");
        assertThat(document.at("/paths/~1api~1v1~1auth~1token/post/responses/429").isMissingNode())
                .isFalse();
        assertThat(document.at("/paths/~1api~1v1~1todos/get/responses/503").isMissingNode())
                .isFalse();
    }

    /**
     * Every type the service can emit (the catalogue) is named in the description of an answer with
     * its status, and every type a description names is in the catalogue.
     */
    @Test
    void everyProblemTypeOfTheCatalogueIsDocumentedAndNoOther() {
        Map<String, Set<Integer>> documented = new TreeMap<>();
        Pattern names = Pattern.compile("\\(([a-z0-9-]+(?:, [a-z0-9-]+)*)\\)");
        for (JsonNode operation : operations()) {
            for (var response : operation.get("responses").properties()) {
                if (!response.getKey().matches("[45]\\d\\d")) {
                    continue;
                }
                Matcher named = names.matcher(response.getValue().path("description").asString());
                while (named.find()) {
                    for (String name : named.group(1).split(", ")) {
                        documented
                                .computeIfAbsent(name, n -> new TreeSet<>())
                                .add(Integer.parseInt(response.getKey()));
                    }
                }
            }
        }
        Map<String, Set<Integer>> catalogue = new TreeMap<>();
        for (ProblemType type : ProblemType.values()) {
            catalogue.put(type.slug(), Set.of(type.status().value()));
        }

        assertThat(documented).isEqualTo(catalogue);
    }

    private List<JsonNode> operations() {
        List<JsonNode> operations = new ArrayList<>();
        document.get("paths").forEach(item -> item.forEach(operations::add));
        return operations;
    }
}
