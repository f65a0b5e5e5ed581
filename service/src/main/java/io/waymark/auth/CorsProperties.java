package io.waymark.auth;

import io.waymark.config.InvalidSettingException;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code WAYMARK_CORS_ORIGINS}: the browser origins, comma separated, that may call the API; none
 * by default.
 */
@ConfigurationProperties("waymark.cors")
public record CorsProperties(List<String> origins) {

    public CorsProperties {
        origins =
                origins == null
                        ? List.of()
                        : origins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        for (String origin : origins) {
            if (!isOrigin(origin)) {
                throw new InvalidSettingException(
                        "WAYMARK_CORS_ORIGINS",
                        "'"
                                + origin
                                + "' is not an origin like https://app.example.com (scheme, host, optional port)");
            }
        }
    }

    private static boolean isOrigin(String value) {
        try {
            URI uri = new URI(value);
            return (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null;
        } catch (Exception e) {
            return false;
        }
    }
}
