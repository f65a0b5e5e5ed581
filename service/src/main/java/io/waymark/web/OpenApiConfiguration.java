package io.waymark.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.waymark.shared.Caller;
import io.waymark.shared.Endpoint;
import io.waymark.shared.ProblemType;
import java.util.List;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;

/**
 * The OpenAPI document at {@code /openapi.json}: springdoc's, with the configured URL, snake_case
 * schemas, and the problem+json answers of each operation ({@link ProblemAnswers}, from its {@code
 * Endpoint} declaration and its shape) with {@code Retry-After} where a client should wait, so
 * client generators see them. The tests check every answer they get against this document.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";

    /** For {@code @Schema(ref = ...)} on operations that answer a problem themselves. */
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

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
                                                + ProblemType.PREFIX
                                                + "NAME; the description of each answer names the types it can have."))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        ProblemAnswers.BEARER,
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

    /** The answers and security each operation's {@code @Endpoint} declaration names. */
    @Bean
    OperationCustomizer declaredAnswers() {
        return (operation, handler) -> {
            Endpoint endpoint = handler.getMethodAnnotation(Endpoint.class);
            if (endpoint != null) {
                ProblemAnswers.declared(operation, endpoint);
                if (endpoint.polled()) {
                    RevalidatedReads.describe(operation);
                }
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
            openApi.path(
                    PublicUrl.PROTECTED_RESOURCE_METADATA,
                    OpenApiSchemas.protectedResourceMetadata());
            openApi.getComponents().addSchemas(PROBLEM, OpenApiSchemas.problemSchema());
            openApi.getComponents().getSchemas().remove("ProblemDetail");
            openApi.getPaths()
                    .forEach(
                            (path, item) ->
                                    item.readOperationsMap()
                                            .forEach(
                                                    (method, operation) ->
                                                            ProblemAnswers.byShape(
                                                                    path, method, operation)));
            OpenApiSchemas.everyFieldOfAnAnswerIsRequired(openApi);
            openApi.getComponents().setSchemas(new TreeMap<>(openApi.getComponents().getSchemas()));
        };
    }
}
