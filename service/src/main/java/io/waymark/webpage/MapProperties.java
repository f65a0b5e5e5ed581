package io.waymark.webpage;

import io.waymark.config.InvalidSettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The web page's map background: {@code WAYMARK_MAP_TILES}, a tile URL template with {@code {z}},
 * {@code {x}} and {@code {y}} (and optionally {@code {r}} for high-density screens), and the credit
 * its provider requires, {@code WAYMARK_MAP_ATTRIBUTION} with an optional link {@code
 * WAYMARK_MAP_ATTRIBUTION_URL}. The defaults (application.yaml) are OpenStreetMap's.
 */
@ConfigurationProperties("waymark.map")
public record MapProperties(String tiles, String attribution, String attributionUrl) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[zxyr]}");

    public MapProperties {
        tiles = tiles == null ? "" : tiles.trim();
        attribution = attribution == null ? "" : attribution.trim();
        attributionUrl = attributionUrl == null ? "" : attributionUrl.trim();
        String problem = tileProblem(tiles);
        if (problem != null) {
            throw new InvalidSettingException("WAYMARK_MAP_TILES", problem);
        }
        // The page puts the link into an <a href>: only a web address, never a javascript: URL.
        if (!attributionUrl.isEmpty() && webAddress(attributionUrl) == null) {
            throw new InvalidSettingException(
                    "WAYMARK_MAP_ATTRIBUTION_URL",
                    "'" + attributionUrl + "' is not an http or https address");
        }
    }

    /**
     * The tiles' scheme, host and port: the one source the Content-Security-Policy allows images
     * from.
     */
    public String tileOrigin() {
        URI uri = webAddress(PLACEHOLDER.matcher(tiles).replaceAll("0"));
        return uri.getScheme().toLowerCase(Locale.ROOT)
                + "://"
                + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /**
     * What is wrong with the template, quoting it (a tile URL is public: every browser gets it), or
     * null.
     */
    private static String tileProblem(String template) {
        int authorityStart = template.indexOf("://") + 3;
        String authority = authorityStart < 3 ? "" : authority(template, authorityStart);
        if (authority.contains("@")) {
            // The value is not repeated into the log either.
            return "must not carry a user name or password";
        }
        String quoted = "'" + template + "' ";
        // A {s} subdomain would need a wildcard in the Content-Security-Policy, which allows
        // exactly one origin.
        if (authority.isEmpty() || authority.contains("{")) {
            return quoted + "needs a fixed http or https host without placeholders";
        }
        for (String placeholder : new String[] {"{z}", "{x}", "{y}"}) {
            if (!template.contains(placeholder)) {
                return quoted
                        + "needs {z}, {x} and {y}, like https://tile.openstreetmap.org/{z}/{x}/{y}.png";
            }
        }
        String filled = PLACEHOLDER.matcher(template).replaceAll("0");
        if (filled.contains("{") || filled.contains("}")) {
            return quoted + "may only use the placeholders {z}, {x}, {y} and {r}";
        }
        URI uri = webAddress(filled);
        if (uri == null || uri.getRawFragment() != null) {
            return quoted
                    + "is not an http or https address like https://tile.openstreetmap.org/{z}/{x}/{y}.png";
        }
        return null;
    }

    private static String authority(String template, int start) {
        int end = start;
        while (end < template.length() && "/?#".indexOf(template.charAt(end)) < 0) {
            end++;
        }
        return template.substring(start, end);
    }

    /** The value as an absolute http(s) URI with a host, or null. */
    private static URI webAddress(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? uri
                    : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
