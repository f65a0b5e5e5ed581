package io.waymark.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.waymark.contract.PublicEndpoints;
import io.waymark.shared.Caller;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;

/**
 * The OpenAPI document at {@code /openapi.json}: the bearer scheme on every protected operation,
 * and the problem+json error answers each kind of operation can give, with {@code Retry-After}
 * where a client should wait, so client generators see them. The tests check every answer they get
 * against this document.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";

    /** For {@code @Schema(ref = ...)} on operations that answer a problem themselves. */
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String BEARER = "bearer";

    /**
     * Operations behind a throttle (sign-in, registration, and what checks your current password:
     * changing your password or name, deleting your account) or a per-user write limit (to-dos,
     * pings, users an admin creates): 429 with Retry-After.
     */
    private static final Set<String> THROTTLED =
            Set.of(
                    "POST /api/v1/auth/token",
                    "POST /api/v1/users",
                    "PUT /api/v1/users/{id}",
                    "PATCH /api/v1/users/{id}",
                    "DELETE /api/v1/users/{id}",
                    "POST /api/v1/todos",
                    "PUT /api/v1/todos/{id}",
                    "PATCH /api/v1/todos/{id}",
                    "DELETE /api/v1/todos/{id}",
                    "POST /api/v1/locations");

    /** Operations that can find a user name taken: 409. */
    private static final Set<String> NAME_TAKEN =
            Set.of("POST /api/v1/users", "PUT /api/v1/users/{id}", "PATCH /api/v1/users/{id}");

    static {
        // The caller comes from the access token, not from the request: keep it out of the
        // parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /**
     * Schemas in snake_case like the wire: swagger-core models with its own (Jackson 2) mapper, not
     * ours. In OpenAPI 3.1 mode, like the document, so that {@code @Schema(types = {"string",
     * "null"})} is written as such.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(
                        Json.mapper()
                                .copy()
                                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(true);
    }

    /** The configured URL, never one made from the request's Host (springdoc's default). */
    @Bean
    OpenAPI waymarkOpenApi(PublicUrl publicUrl) {
        return new OpenAPI()
                .servers(List.of(new Server().url(publicUrl.url())))
                .info(
                        new Info()
                                .title("Waymark API")
                                .version("v1")
                                .description(
                                        "Users, to-dos and GPS location pings. Sign in at POST /api/v1/auth/token. "
                                                + "Every error is application/problem+json (RFC 9457) with a type "
                                                + "urn:waymark:problem:NAME; the description of each answer names the types it can have."))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        BEARER,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .bearerFormat("JWT")));
    }

    /**
     * An {@code Optional<Caller>} (registration, where an admin may be signed in) is not unwrapped
     * by the ignore rule above, so springdoc would list it as a query parameter named {@code
     * caller}.
     */
    @Bean
    OperationCustomizer callerIsNoParameter() {
        return (operation, handler) -> {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.nestedIfOptional().getNestedParameterType() == Caller.class
                        && operation.getParameters() != null) {
                    String name = parameter.getParameterName();
                    operation
                            .getParameters()
                            .removeIf(documented -> documented.getName().equals(name));
                }
            }
            if (operation.getParameters() != null && operation.getParameters().isEmpty()) {
                operation.setParameters(null);
            }
            return operation;
        };
    }

    /**
     * Runs after springdoc has built the components, so the problem schema is added here: a schema
     * put into the {@link #waymarkOpenApi()} bean is dropped when springdoc replaces the components
     * with its own.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.path(PublicUrl.PROTECTED_RESOURCE_METADATA, protectedResourceMetadata());
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getComponents().getSchemas().remove("ProblemDetail");
            openApi.getPaths()
                    .forEach(
                            (path, item) ->
                                    item.readOperationsMap()
                                            .forEach(
                                                    (method, operation) ->
                                                            describeErrors(
                                                                    path, method, operation)));
            everyFieldOfAnAnswerIsRequired(openApi);
            openApi.getComponents().setSchemas(new TreeMap<>(openApi.getComponents().getSchemas()));
        };
    }

    /**
     * Answers are records written with every component, {@code null} included (no inclusion rule
     * leaves one out): so each property of a schema an answer uses is required, and those that can
     * be null say so in their type; and none but those: a field that leaks into an answer without
     * being described fails the tests.
     */
    @SuppressWarnings("rawtypes")
    private static void everyFieldOfAnAnswerIsRequired(OpenAPI openApi) {
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

    private static void describeErrors(
            String path, PathItem.HttpMethod method, Operation operation) {
        String key = method + " " + path;
        boolean api = path.startsWith(PublicEndpoints.API_PREFIX);
        boolean isPublic = PublicEndpoints.isPublic(method.name(), path);
        boolean hasBody = operation.getRequestBody() != null;
        boolean idempotent =
                operation.getParameters() != null
                        && operation.getParameters().stream()
                                .anyMatch(p -> p.getName().equals("Idempotency-Key"));
        if (api) {
            add(
                    operation,
                    "400",
                    "Invalid parameters or body; 'errors' names each field (validation, "
                            + "malformed-body, malformed-parameters, rejected-request)");
        }
        if (!isPublic) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
            add(
                    operation,
                    "401",
                    "Missing, expired, revoked or invalid access token (unauthorized)");
            add(operation, "403", "The caller's role does not allow this (forbidden)");
        } else if (key.equals("POST /api/v1/auth/token")) {
            add(operation, "401", "Wrong user name or password (invalid-credentials)");
        } else if (key.equals("POST /api/v1/users")) {
            add(operation, "403", "Only an admin may create an admin (forbidden)");
        }
        if (path.contains("{")) {
            add(operation, "404", "No such resource, or not yours (not-found)");
        }
        if (NAME_TAKEN.contains(key)) {
            add(operation, "409", "That user name or id is taken (conflict)");
        }
        if (idempotent) {
            add(
                    operation,
                    "409",
                    "The first request with this Idempotency-Key is still running "
                            + "(idempotency-key-in-use); retry after Retry-After",
                    true);
            add(
                    operation,
                    "422",
                    "This Idempotency-Key was used with another body (idempotency-key-reused)");
        }
        if (method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH
                || method == PathItem.HttpMethod.DELETE) {
            add(operation, "412", "If-Match does not match the current ETag (precondition-failed)");
        }
        if (hasBody) {
            add(operation, "413", "Body larger than 1 MiB (body-too-large)");
            add(
                    operation,
                    "415",
                    "A Content-Type this operation does not read (unsupported-media-type)");
        }
        if (THROTTLED.contains(key)) {
            add(
                    operation,
                    "429",
                    "Too many attempts from this client, or writes by this user (too-many-requests); retry after Retry-After",
                    true);
        }
        if (method == PathItem.HttpMethod.GET && RevalidatedReads.PATHS.contains(path)) {
            revalidated(operation);
        }
        add(operation, "500", "Unexpected server failure (internal-error)");
        if (api) {
            add(
                    operation,
                    "503",
                    "The database is unavailable for a moment (store-unavailable); retry after Retry-After",
                    true);
        }
        add(
                operation,
                "default",
                "Any other refusal, e.g. 405, 406 for an Accept this operation cannot answer, "
                        + "or 431 for oversized headers: a problem named after its status");
    }

    /**
     * Served by Spring Security's filter rather than a controller, so springdoc cannot see it: it
     * is described here, with exactly the members it has.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static PathItem protectedResourceMetadata() {
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

    /**
     * An ETag on the answer, and 304 for an If-None-Match that names it ({@link RevalidatedReads}).
     */
    private static void revalidated(Operation operation) {
        ApiResponse ok = operation.getResponses().get("200");
        if (ok != null) {
            ok.addHeaderObject(
                    "ETag",
                    new Header()
                            .description(
                                    "Strong; a hash of this body, the same on every instance: send it"
                                            + " back in If-None-Match")
                            .schema(new Schema<>().type("string")));
        }
        operation
                .getResponses()
                .addApiResponse(
                        "304",
                        new ApiResponse()
                                .description(
                                        "Not modified: If-None-Match names the answer's current"
                                                + " ETag; no body"));
    }

    private static void add(Operation operation, String status, String description) {
        add(operation, status, description, false);
    }

    private static void add(
            Operation operation, String status, String description, boolean retryAfter) {
        ApiResponse response =
                new ApiResponse()
                        .description(description)
                        .content(
                                new Content()
                                        .addMediaType(
                                                PROBLEM_JSON,
                                                new MediaType()
                                                        .schema(new Schema<>().$ref(PROBLEM_REF))));
        if (retryAfter) {
            response.addHeaderObject(
                    "Retry-After",
                    new Header()
                            .required(true)
                            .description("Seconds to wait before retrying")
                            .schema(new Schema<>().type("integer").minimum(BigDecimal.ONE)));
        }
        ApiResponse existing = operation.getResponses().get(status);
        if (existing == null) {
            operation.getResponses().addApiResponse(status, response);
        } else if (existing.getContent() != null
                && existing.getContent().containsKey(PROBLEM_JSON)) {
            // Two kinds of problem share a status (409): one answer, both described.
            existing.description(existing.getDescription() + "; or " + description);
            if (retryAfter && existing.getHeaders() == null) {
                existing.headers(
                        Map.of(
                                "Retry-After",
                                response.getHeaders().get("Retry-After").required(false)));
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
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
                        .pattern("^urn:waymark:problem:[a-z0-9-]+$")
                        .description("Stable problem type, e.g. urn:waymark:problem:validation"));
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
