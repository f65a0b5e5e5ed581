package io.waymark.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The service's own {@code /openapi.json}, walked: every operation with its parameters and request
 * bodies, schemas resolved through {@code $ref}. Just enough of OpenAPI 3.1 for generating
 * requests; what the document does not say (a rule only in a description) is not here.
 */
public final class OpenApiDocument {

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public static OpenApiDocument fetch(Api api) {
        Api.Response response = api.get("/openapi.json", null);
        if (response.status() != 200) {
            throw new IllegalStateException("GET /openapi.json answered " + response);
        }
        return new OpenApiDocument(response.json());
    }

    /**
     * An operation: method, path template, parameters, the schema of each body media type, and
     * whether it needs a token.
     */
    public record Operation(
            String method,
            String path,
            List<Parameter> parameters,
            Map<String, Schema> bodies,
            boolean secured) {

        public List<Parameter> parameters(String in) {
            return parameters.stream().filter(p -> p.in().equals(in)).toList();
        }

        public boolean hasBody() {
            return !bodies.isEmpty();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A parameter: {@code in} is path, query, header or cookie. */
    public record Parameter(String name, String in, boolean required, Schema schema) {}

    /** A resolved schema: type, format, bounds, pattern, enum, object properties, array items. */
    public record Schema(
            String name,
            String type,
            String format,
            Long minLength,
            Long maxLength,
            Double minimum,
            Double maximum,
            String pattern,
            List<String> enumValues,
            Map<String, Schema> properties,
            List<String> required,
            Schema items) {

        public boolean isObject() {
            return "object".equals(type) || !properties.isEmpty();
        }
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                JsonNode operation = entry.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(
                            new Parameter(
                                    parameter.get("name").asString(),
                                    parameter.get("in").asString(),
                                    parameter.path("required").asBoolean(false),
                                    schema(null, parameter.path("schema"), 0)));
                }
                Map<String, Schema> bodies = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> media :
                        operation.path("requestBody").path("content").properties()) {
                    bodies.put(media.getKey(), schema(null, media.getValue().path("schema"), 0));
                }
                boolean secured = operation.has("security") && !operation.get("security").isEmpty();
                operations.add(
                        new Operation(
                                entry.getKey().toUpperCase(Locale.ROOT),
                                path.getKey(),
                                List.copyOf(parameters),
                                bodies,
                                secured));
            }
        }
        return operations;
    }

    private Schema schema(String name, JsonNode node, int depth) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asString();
            String schemaName = ref.substring(ref.lastIndexOf('/') + 1);
            JsonNode target = root.path("components").path("schemas").path(schemaName);
            return depth > 5 ? leaf(schemaName, "object") : schema(schemaName, target, depth + 1);
        }
        if (node.has("oneOf")) {
            // One of several objects (a ping, or a batch of them): their members together, which is
            // the shape the generator knows as "one item or a batch" and sends as one or the other.
            Map<String, Schema> members = new LinkedHashMap<>();
            node.get("oneOf")
                    .forEach(
                            alternative ->
                                    members.putAll(
                                            schema(null, alternative, depth + 1).properties()));
            return new Schema(
                    name, "object", null, null, null, null, null, null, List.of(), members,
                    List.of(), null);
        }
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
            properties.put(property.getKey(), schema(null, property.getValue(), depth + 1));
        }
        List<String> required = new ArrayList<>();
        node.path("required").forEach(r -> required.add(r.asString()));
        List<String> enumValues = new ArrayList<>();
        node.path("enum").forEach(e -> enumValues.add(e.asString()));
        JsonNode type = node.path("type");
        String typeName = type.isArray() ? type.get(0).asString() : type.asString(null);
        return new Schema(
                name,
                typeName,
                node.path("format").asString(null),
                longOrNull(node, "minLength"),
                longOrNull(node, "maxLength"),
                doubleOrNull(node, "minimum"),
                doubleOrNull(node, "maximum"),
                node.path("pattern").asString(null),
                List.copyOf(enumValues),
                properties,
                List.copyOf(required),
                node.has("items") ? schema(null, node.get("items"), depth + 1) : null);
    }

    private static Schema leaf(String name, String type) {
        return new Schema(
                name, type, null, null, null, null, null, null, List.of(), Map.of(), List.of(),
                null);
    }

    private static Long longOrNull(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asLong() : null;
    }

    private static Double doubleOrNull(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asDouble() : null;
    }
}
