package io.waymark.web;

import io.waymark.config.InvalidSettingException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code WAYMARK_PUBLIC_URL}: where clients reach the service (infra sets the edge's API URL;
 * locally {@code http://localhost:PORT}). The one source of every absolute URL the service writes —
 * the OpenAPI {@code servers}, the protected-resource metadata, {@code WWW-Authenticate}'s {@code
 * resource_metadata} — because the request's {@code Host} is whatever the client chose to send, and
 * echoing it would let one client point others (through a shared cache) at its own host.
 *
 * @param url scheme, host, optional port and path; no query, fragment or trailing slash
 */
@ConfigurationProperties("waymark.public")
public record PublicUrl(String url) {

    /**
     * Where Spring Security serves the RFC 9728 protected-resource metadata, which {@code
     * /openapi.json} documents.
     */
    public static final String PROTECTED_RESOURCE_METADATA =
            "/.well-known/oauth-protected-resource";

    public PublicUrl {
        url = checked(url);
    }

    /** An absolute URL of a path of this service, e.g. {@code /openapi.json}. */
    public String of(String path) {
        return url + path;
    }

    private static String checked(String value) {
        String problem =
                "must be an absolute http or https URL such as https://api.example.com, got '"
                        + value
                        + "'";
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException("WAYMARK_PUBLIC_URL", problem);
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidSettingException("WAYMARK_PUBLIC_URL", problem);
        }
        boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (!web
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new InvalidSettingException("WAYMARK_PUBLIC_URL", problem);
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
