package io.waymark.infra.edge;

import java.util.List;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;

/**
 * The routes anyone may call (service contract: health, docs, OpenAPI, JWKS, token, revocation,
 * registration, the phone apps' ingest endpoints, the web page). Every other request matches {@link
 * #PROTECTED_PATH} and goes through the authorizer.
 */
public final class PublicRoutes {

    /** One public route. */
    public record Route(HttpMethod method, String path) {}

    public static final List<Route> ALL =
            List.of(
                    new Route(HttpMethod.GET, "/health"),
                    new Route(HttpMethod.GET, "/health/ready"),
                    new Route(HttpMethod.GET, "/docs"),
                    new Route(HttpMethod.GET, "/swagger-ui/{proxy+}"),
                    new Route(HttpMethod.GET, "/openapi.json"),
                    new Route(HttpMethod.GET, "/.well-known/jwks.json"),
                    new Route(HttpMethod.POST, "/api/v1/auth/token"),
                    new Route(HttpMethod.POST, "/api/v1/auth/revoke"),
                    new Route(HttpMethod.POST, "/api/v1/users"),
                    // Phone apps: the service checks their device key; no access token exists for
                    // the authorizer to check.
                    new Route(HttpMethod.POST, "/api/v1/ingest/owntracks"),
                    new Route(HttpMethod.GET, "/api/v1/ingest/osmand"),
                    new Route(HttpMethod.POST, "/api/v1/ingest/osmand"),
                    new Route(HttpMethod.POST, "/api/v1/ingest/overland"),
                    new Route(HttpMethod.GET, "/"),
                    // Static files of the web page. API Gateway picks the longest matching path
                    // first, so any /api/...
                    // request matches the protected greedy route below, never this one.
                    new Route(HttpMethod.GET, "/{proxy+}"));

    /**
     * Greedy route of the whole API; exact public routes above win over it for their method and
     * path.
     */
    public static final String PROTECTED_PATH = "/api/{proxy+}";

    private PublicRoutes() {}
}
