package io.waymark.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.waymark.shared.ProblemType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schemas of the OpenAPI document that springdoc cannot derive: the problem document, the RFC
 * 9728 metadata Spring Security serves, and the rule that every field of an answer is there.
 */
final class OpenApiSchemas {

    private OpenApiSchemas() {}

    /**
     * Answers are records written with every component, {@code null} included (no inclusion rule
     * leaves one out): so each property of a schema an answer uses is required, and those that can
     * be null say so in their type; and none but those: a field that leaks into an answer without
     * being described fails the tests.
     */
    @SuppressWarnings("rawtypes")
    static void everyFieldOfAnAnswerIsRequired(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Set<String> answers = new TreeSet<>();
        openApi.getPaths()
                .values()
                .forEach(
                        item ->
                                item.readOperations()
                                        .forEach(
                                                operation ->
                                                        operation
                                                                .getResponses()
                                                                .forEach(
                                                                        (status, response) -> {
                                                                            if (status.startsWith(
                                                                                            "2")
                                                                                    && response
                                                                                                    .getContent()
                                                                                            != null) {
                                                                                response.getContent()
                                                                                        .values()
                                                                                        .forEach(
                                                                                                media ->
                                                                                                        collect(
                                                                                                                media
                                                                                                                        .getSchema(),
                                                                                                                schemas,
                                                                                                                answers));
                                                                            }
                                                                        })));
        for (String name : answers) {
            Schema schema = schemas.get(name);
            if (schema.getProperties() != null) {
                schema.setAdditionalProperties(false);
            }
            // minProperties marks an answer of several shapes in one object: none of its fields is
            // always there.
            if (schema.getProperties() != null && schema.getMinProperties() == null) {
                schema.setRequired(List.copyOf(schema.getProperties().keySet()));
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void collect(Schema schema, Map<String, Schema> schemas, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (names.add(name)) {
                collect(schemas.get(name), schemas, names);
            }
            return;
        }
        collect(schema.getItems(), schemas, names);
        if (schema.getOneOf() != null) {
            schema.getOneOf().forEach(one -> collect((Schema) one, schemas, names));
        }
        if (schema.getProperties() != null) {
            schema.getProperties()
                    .values()
                    .forEach(property -> collect((Schema) property, schemas, names));
        }
    }

    /**
     * Served by Spring Security's filter rather than a controller, so springdoc cannot see it: it
     * is described here, with exactly the members it has.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static PathItem protectedResourceMetadata() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "resource",
                new Schema<>()
                        .type("string")
                        .format("uri")
                        .description("This API's URL (WAYMARK_PUBLIC_URL)"));
        properties.put(
                "bearer_methods_supported",
                new Schema<>()
                        .type("array")
                        .items(new Schema<String>().type("string")._enum(List.of("header")))
                        .description("Access tokens go in the Authorization header only"));
        properties.put("resource_name", new Schema<>().type("string"));
        Schema metadata =
                new Schema<>()
                        .type("object")
                        .description("RFC 9728 OAuth 2.0 protected resource metadata")
                        .required(List.of("resource", "bearer_methods_supported", "resource_name"))
                        .additionalProperties(false);
        metadata.setProperties(properties);
        Operation get =
                new Operation()
                        .addTagsItem("auth")
                        .summary("How to present access tokens to this API (RFC 9728)")
                        .operationId("protectedResourceMetadata")
                        .responses(
                                new ApiResponses()
                                        .addApiResponse(
                                                "200",
                                                new ApiResponse()
                                                        .description("The metadata")
                                                        .content(
                                                                new Content()
                                                                        .addMediaType(
                                                                                "application/json",
                                                                                new MediaType()
                                                                                        .schema(
                                                                                                metadata)))));
        return new PathItem().get(get);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<?> problemSchema() {
        Schema fieldError =
                new Schema<>()
                        .type("object")
                        .required(List.of("field", "message"))
                        .additionalProperties(false);
        fieldError.setProperties(
                new LinkedHashMap<>(
                        Map.of(
                                "field",
                                        new Schema<>()
                                                .type("string")
                                                .description(
                                                        "The field as sent, e.g. title or pings[3].lat"),
                                "message", new Schema<>().type("string"))));
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                new Schema<>()
                        .type("string")
                        .format("uri")
                        .pattern("^" + ProblemType.PREFIX + "[a-z0-9-]+$")
                        .description("Stable problem type, e.g. " + ProblemType.VALIDATION.uri()));
        properties.put("title", new Schema<>().type("string"));
        properties.put(
                "status",
                new Schema<>()
                        .type("integer")
                        .minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599)));
        properties.put("detail", new Schema<>().type("string"));
        properties.put("instance", new Schema<>().type("string").format("uri-reference"));
        properties.put(
                "errors",
                new Schema<>()
                        .type("array")
                        .items(fieldError)
                        .description("Each invalid field (validation problems)"));
        properties.put(
                "trace_id",
                new Schema<>()
                        .type("string")
                        .pattern("^[0-9a-f]{32}$")
                        .description("The request's trace: quote it when reporting a failure"));
        Schema problem =
                new Schema<>()
                        .type("object")
                        .description("RFC 9457 problem details")
                        .required(List.of("type", "title", "status"))
                        .additionalProperties(false);
        problem.setProperties(properties);
        return problem;
    }
}
