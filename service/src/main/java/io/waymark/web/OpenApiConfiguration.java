package io.waymark.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.waymark.contract.PublicEndpoints;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import io.waymark.shared.Caller;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /openapi.json}: the bearer scheme on every protected operation, and the
 * problem+json error answers each kind of operation can give, so client generators see them.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";

    static {
        // The caller comes from the access token, not from the request: keep it out of the parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /** Schemas in snake_case like the wire: swagger-core models with its own (Jackson 2) mapper, not ours. */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI waymarkOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Waymark API").version("v1")
                        .description("Users, to-dos and GPS location pings. Sign in at POST /api/v1/auth/token."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            boolean api = path.startsWith(PublicEndpoints.API_PREFIX);
            boolean isPublic = PublicEndpoints.isPublic(method.name(), path);
            if (!isPublic) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
                add(operation, "401", "Missing, expired or invalid access token");
                add(operation, "403", "The caller's role does not allow this");
            }
            if (api) {
                add(operation, "400", "Invalid parameters or body; 'errors' names each field");
            }
            if (path.contains("{")) {
                add(operation, "404", "No such resource (or not yours)");
            }
            if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE) {
                add(operation, "412", "If-Match does not match the current ETag");
            }
            if (operation.getRequestBody() != null) {
                add(operation, "413", "Body larger than 1 MiB");
                add(operation, "415", "Unsupported content type");
            }
            add(operation, "500", "Unexpected server failure");
        }));
    }

    private static void add(Operation operation, String status, String description) {
        operation.getResponses().putIfAbsent(status, new ApiResponse().description(description).content(new Content()
                .addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema fieldError = new ObjectSchema().properties(Map.of("field", new Schema<>().type("string"),
                "message", new Schema<>().type("string")));
        return new ObjectSchema().description("RFC 9457 problem details").properties(Map.of(
                "type", new Schema<>().type("string").format("uri"),
                "title", new Schema<>().type("string"),
                "status", new Schema<>().type("integer"),
                "detail", new Schema<>().type("string"),
                "instance", new Schema<>().type("string"),
                "errors", new Schema<>().type("array").items(fieldError)));
    }
}
