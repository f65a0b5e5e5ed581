package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.contract.PublicEndpoints;
import io.waymark.infra.edge.PublicRoutes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * API Gateway's public routes are a copy, in its route syntax, of the service's list of public
 * endpoints ({@code io.waymark.contract.PublicEndpoints}, which the service's filter chain and
 * OpenAPI document use): the two must agree, or the authorizer would refuse sign-in or let a
 * protected endpoint through without a token.
 */
class PublicRoutesTest {

    @Test
    void thePublicApiRoutesAreExactlyTheServicesPublicApiEndpoints() {
        List<String> publicApiRoutes =
                PublicRoutes.ALL.stream()
                        .filter(route -> route.path().startsWith(PublicEndpoints.API_PREFIX))
                        .map(route -> route.method().name() + " " + route.path())
                        .sorted()
                        .toList();

        assertThat(publicApiRoutes)
                .isEqualTo(
                        PublicEndpoints.API.stream()
                                .map(endpoint -> endpoint.method() + " " + endpoint.path())
                                .sorted()
                                .toList());
    }

    @Test
    void everythingElseUnderTheApiGoesThroughTheAuthorizerAndEveryOtherGetIsPublic() {
        assertThat(PublicRoutes.PROTECTED_PATH).isEqualTo(PublicEndpoints.API_PREFIX + "{proxy+}");
        assertThat(PublicRoutes.ALL)
                .filteredOn(route -> !route.path().startsWith(PublicEndpoints.API_PREFIX))
                .allSatisfy(
                        route ->
                                assertThat(route.method().name())
                                        .isEqualTo(PublicEndpoints.PUBLIC_METHOD_OUTSIDE_THE_API))
                .extracting(PublicRoutes.Route::path)
                .contains("/", "/{proxy+}");
    }
}
