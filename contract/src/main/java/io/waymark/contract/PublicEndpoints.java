package io.waymark.contract;

import java.util.List;

/**
 * Which requests need no access token (service contract: health, docs, the web page, JWKS,
 * registration, sign-in and sign-out, and the ingest endpoints, which take a device key), for the
 * modules that cannot see the service's classes: the API Gateway routes (infra's {@code
 * PublicRoutes}) and the authorizer. In the service each endpoint declares itself public on its
 * handler ({@code @Endpoint(access = PUBLIC)}), and its {@code DeclaredEndpointsTest} fails when
 * those declarations and {@link #API} disagree, either way.
 */
public final class PublicEndpoints {

    /**
     * Everything below this path is the API: a token is required unless the endpoint is in {@link
     * #API}.
     */
    public static final String API_PREFIX = "/api/";

    /**
     * The ingest endpoints: phone apps post positions here with a device key (HTTP Basic password,
     * {@code id} parameter, {@code device_id} or bearer credential, depending on the app), never an
     * access token, which no phone app can get. The service checks the key itself; the edge passes
     * these requests through, and the service's bearer token check ignores their Authorization.
     */
    public static final String INGEST_PREFIX = "/api/v1/ingest/";

    /**
     * The API endpoints anyone may call: sign-in, sign-out, registration and ingest. Sign-out
     * (token revocation, RFC 7009) takes the token in its body, which proves the right to end it;
     * behind a token check, a client whose token had already ended could not sign out. Ingest takes
     * a device key instead of a token ({@link #INGEST_PREFIX}).
     */
    public static final List<Endpoint> API =
            List.of(
                    new Endpoint("POST", "/api/v1/auth/token"),
                    new Endpoint("POST", "/api/v1/auth/revoke"),
                    new Endpoint("POST", "/api/v1/users"),
                    new Endpoint("POST", INGEST_PREFIX + "owntracks"),
                    new Endpoint("GET", INGEST_PREFIX + "osmand"),
                    new Endpoint("POST", INGEST_PREFIX + "osmand"),
                    new Endpoint("POST", INGEST_PREFIX + "overland"));

    /**
     * Outside the API, every {@code GET} is public: health, docs, {@code /openapi.json}, the JWKS,
     * the web page and its files. The service has no other methods there.
     */
    public static final String PUBLIC_METHOD_OUTSIDE_THE_API = "GET";

    private PublicEndpoints() {}

    /** Whether a request with this method and path needs no token. */
    public static boolean isPublic(String method, String path) {
        if (!path.startsWith(API_PREFIX)) {
            return true;
        }
        return API.stream()
                .anyMatch(
                        endpoint ->
                                endpoint.method().equals(method) && endpoint.path().equals(path));
    }

    /** One endpoint: an HTTP method and an exact path. */
    public record Endpoint(String method, String path) {}
}
