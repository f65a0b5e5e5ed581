package io.waymark.authorizer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Settings read once at cold start. A bad value fails the Lambda init phase with one message naming
 * the variable, instead of denying every request later for a reason nobody sees.
 */
record AuthorizerConfig(URI jwksUrl, String issuer) {

    static final String JWKS_URL = "JWKS_URL";
    static final String TOKEN_ISSUER = "TOKEN_ISSUER";

    static AuthorizerConfig fromEnvironment(Map<String, String> env) {
        return new AuthorizerConfig(jwksUrl(env.get(JWKS_URL)), issuer(env.get(TOKEN_ISSUER)));
    }

    private static URI jwksUrl(String value) {
        if (value == null || value.isBlank()) {
            throw invalid(
                    JWKS_URL,
                    "is not set; expected the https URL of the service's /.well-known/jwks.json");
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw invalid(JWKS_URL, "is not a valid URL: " + value);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw invalid(JWKS_URL, "must be an absolute https URL, got: " + value);
        }
        return uri;
    }

    private static String issuer(String value) {
        if (value == null || value.isBlank()) {
            throw invalid(
                    TOKEN_ISSUER,
                    "is not set; expected the service's WAYMARK_ISSUER (the tokens' iss claim)");
        }
        return value.strip();
    }

    private static IllegalStateException invalid(String variable, String problem) {
        return new IllegalStateException("Environment variable " + variable + " " + problem);
    }
}
