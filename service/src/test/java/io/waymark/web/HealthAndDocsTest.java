package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Api;
import io.waymark.testing.OpenApiDocument;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

class HealthAndDocsTest {

    private final Api api = RunningService.on(TestStore.SQLITE).api();

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void livenessAndReadinessAnswerOnEveryStore(TestStore store) {
        Api api = RunningService.on(store).api();

        assertThat(api.get("/health", null).status()).isEqualTo(200);
        var ready = api.get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asString()).isEqualTo("ready");
    }

    @Test
    void swaggerUiIsServedFromTheJar() {
        var docs = api.get("/docs", null);
        var ui = api.get("/swagger-ui/index.html", null);

        assertThat(docs.status()).isEqualTo(302);
        assertThat(docs.header("Location")).contains("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui").doesNotContain("https://");
    }

    @Test
    void openApiDescribesEveryEndpointWithBearerSecurityAndProblems() {
        JsonNode openApi = api.get("/openapi.json", null).json();
        List<String> paths = new ArrayList<>();
        openApi.get("paths").propertyNames().forEach(paths::add);
        List<String> documented =
                OpenApiDocument.fetch(api).operations().stream().map(Object::toString).toList();

        assertThat(documented)
                .as("the operations of /openapi.json")
                .containsAll(controllerEndpoints());
        assertThat(paths)
                .contains(
                        "/api/v1/users",
                        "/api/v1/users/{id}",
                        "/api/v1/auth/token",
                        "/api/v1/auth/me",
                        "/.well-known/jwks.json",
                        "/health",
                        "/health/ready");
        assertThat(openApi.at("/components/securitySchemes/bearer/scheme").asString())
                .isEqualTo("bearer");
        JsonNode me = openApi.at("/paths/~1api~1v1~1auth~1me/get");
        assertThat(me.get("security").toString()).contains("bearer");
        assertThat(me.at("/responses/401/content").has("application/problem+json")).isTrue();
        JsonNode register = openApi.at("/paths/~1api~1v1~1users/post");
        assertThat(register.has("security")).as("registration is public").isFalse();
        assertThat(register.at("/responses/400/content").has("application/problem+json")).isTrue();
        assertThat(openApi.at("/components/schemas/Register/properties").has("user_name")).isTrue();
    }

    /**
     * "METHOD path" of every handler method of our controllers, as the service maps them; not the
     * error controller, which is where failures are forwarded rather than an endpoint of the API.
     */
    private static List<String> controllerEndpoints() {
        List<String> endpoints = new ArrayList<>();
        RunningService.on(TestStore.SQLITE)
                .beans(RequestMappingHandlerMapping.class)
                .values()
                .forEach(
                        mapping ->
                                mapping.getHandlerMethods()
                                        .forEach(
                                                (info, handler) -> {
                                                    Class<?> controller = handler.getBeanType();
                                                    if (!controller
                                                                    .getPackageName()
                                                                    .startsWith("io.waymark")
                                                            || ErrorController.class
                                                                    .isAssignableFrom(controller)) {
                                                        return;
                                                    }
                                                    Set<RequestMethod> methods =
                                                            info.getMethodsCondition().getMethods();
                                                    for (String path : info.getPatternValues()) {
                                                        if (methods.isEmpty()) {
                                                            endpoints.add("ANY " + path);
                                                        }
                                                        methods.forEach(
                                                                method ->
                                                                        endpoints.add(
                                                                                method + " "
                                                                                        + path));
                                                    }
                                                }));
        assertThat(endpoints)
                .as("the controllers' mappings were found")
                .contains("GET /health", "POST /api/v1/todos");
        return endpoints;
    }
}
