package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.contract.PublicEndpoints;
import io.waymark.shared.Endpoint;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every handler of the service says what it is ({@code @Endpoint}), and what it says agrees with
 * the copies other modules keep: {@code contract}'s list of public endpoints, which the authorizer
 * and infra's API Gateway routes read and which cannot see the service's annotations.
 */
class DeclaredEndpointsTest {

    private final List<DeclaredEndpoints.Declared> endpoints =
            RunningService.on(TestStore.SQLITE).bean(DeclaredEndpoints.class).all();

    @Test
    void everyHandlerOfTheServiceIsDeclaredWithAnExample() {
        assertThat(endpoints)
                .extracting(e -> e.method() + " " + e.path())
                .contains(
                        "POST /api/v1/todos",
                        "GET /api/v1/users/{id}/locations",
                        "GET /health",
                        "GET /.well-known/jwks.json");
        assertThat(endpoints)
                .allSatisfy(
                        endpoint -> {
                            assertThat(endpoint.declaration()).as(endpoint.toString()).isNotNull();
                            assertThat(endpoint.declaration().examples())
                                    .as(endpoint.toString())
                                    .isNotEmpty();
                        });
    }

    @Test
    void thePublicApiEndpointsAreExactlyTheContractsList() {
        Set<String> declared =
                endpoints.stream()
                        .filter(e -> e.isApi() && e.isPublic())
                        .map(e -> e.method() + " " + e.path())
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> contract =
                PublicEndpoints.API.stream()
                        .map(e -> e.method() + " " + e.path())
                        .collect(Collectors.toCollection(TreeSet::new));

        assertThat(declared)
                .as(
                        "declared public with @Endpoint(access = PUBLIC) but not in contract/PublicEndpoints.API")
                .isSubsetOf(contract);
        assertThat(contract)
                .as("in contract/PublicEndpoints.API but no handler declares it public")
                .isSubsetOf(declared);
    }

    @Test
    void outsideTheApiOnlyTheContractsPublicMethodIsServed() {
        assertThat(endpoints)
                .filteredOn(e -> !e.isApi())
                .allSatisfy(
                        endpoint -> {
                            assertThat(endpoint.method())
                                    .as(endpoint.toString())
                                    .isEqualTo(PublicEndpoints.PUBLIC_METHOD_OUTSIDE_THE_API);
                            assertThat(endpoint.isPublic()).as(endpoint.toString()).isTrue();
                        });
    }

    @Test
    void aHandlerWithoutADeclarationStopsStartUpNamingIt() throws Exception {
        assertThatThrownBy(
                        () -> new DeclaredEndpoints(mappingOf("undeclared", "/api/v1/geofences")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /api/v1/geofences")
                .hasMessageContaining("has no @Endpoint declaration");
    }

    @Test
    void anUnpublicHandlerOutsideTheApiStopsStartUp() throws Exception {
        assertThatThrownBy(() -> new DeclaredEndpoints(mappingOf("signedIn", "/geofences.json")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /geofences.json")
                .hasMessageContaining("declare it so");
    }

    @Test
    void aPathVariableNothingMakesStopsStartUp() throws Exception {
        assertThatThrownBy(
                        () ->
                                new DeclaredEndpoints(
                                        mappingOf("signedIn", "/api/v1/geofences/{id}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no POST /api/v1/geofences makes its {id}");
    }

    private static RequestMappingHandlerMapping mappingOf(String handler, String path)
            throws NoSuchMethodException {
        RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();
        Method method = Handlers.class.getDeclaredMethod(handler);
        mapping.registerMapping(
                RequestMappingInfo.paths(path).methods(RequestMethod.GET).build(),
                new Handlers(),
                method);
        return mapping;
    }

    /** A feature's handlers as a newcomer might write them. */
    static class Handlers {

        String undeclared() {
            return "";
        }

        @Endpoint(access = Endpoint.Access.SIGNED_IN, examples = @Endpoint.Example(status = 200))
        String signedIn() {
            return "";
        }
    }
}
