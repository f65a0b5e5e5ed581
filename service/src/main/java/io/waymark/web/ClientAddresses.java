package io.waymark.web;

import io.waymark.config.InvalidSettingException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address of the client a request comes from, for throttling, and whether it arrived over
 * HTTPS, for HSTS. Behind a proxy every request comes from the proxy, so the forwarding header is
 * read, but only when the request comes from a trusted proxy ({@code WAYMARK_TRUSTED_PROXIES}: CIDR
 * ranges, none by default): anyone else could write any address into it. The header is read from
 * the right, skipping trusted proxies: the first address left of them is the one the outermost
 * trusted proxy saw. Which header depends on the edge ({@code WAYMARK_FORWARDED_HEADER}): the ALB
 * and HAProxy append to {@code X-Forwarded-For}; API Gateway HTTP APIs send RFC 7239 {@code
 * Forwarded} to private integrations. Only the configured header is read, so a client cannot
 * smuggle in the other one.
 */
@Component
@EnableConfigurationProperties(ClientAddresses.Settings.class)
public class ClientAddresses {

    private final List<IpAddressMatcher> trusted;
    private final boolean rfc7239;

    ClientAddresses(Settings settings) {
        this.trusted = settings.trustedProxies();
        this.rfc7239 = settings.rfc7239();
    }

    public String of(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(remote)) {
            return remote;
        }
        List<String> hops = rfc7239 ? forwardedFor(request) : xForwardedFor(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? remote : hops.getFirst();
    }

    /**
     * Whether the request arrived over HTTPS: on this socket, or at a trusted proxy that says so in
     * the last {@code X-Forwarded-Proto} (ALB, HAProxy) or the last {@code proto=} of {@code
     * Forwarded} (API Gateway), following {@code WAYMARK_FORWARDED_HEADER}. From anyone else the
     * header is the client's own claim.
     */
    public boolean overHttps(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        if (trusted.isEmpty() || !isTrusted(request.getRemoteAddr())) {
            return false;
        }
        String proto = rfc7239 ? forwardedProto(request) : lastValue(request, "X-Forwarded-Proto");
        return "https".equalsIgnoreCase(proto);
    }

    private static String lastValue(HttpServletRequest request, String header) {
        String last = null;
        for (var headers = request.getHeaders(header); headers.hasMoreElements(); ) {
            for (String value : headers.nextElement().split(",")) {
                if (!value.isBlank()) {
                    last = value.strip();
                }
            }
        }
        return last;
    }

    /** The {@code proto=} of the last element that has one. */
    private static String forwardedProto(HttpServletRequest request) {
        String proto = null;
        for (var headers = request.getHeaders("Forwarded"); headers.hasMoreElements(); ) {
            for (String element : headers.nextElement().split(",")) {
                for (String pair : element.split(";")) {
                    String[] nameValue = pair.strip().split("=", 2);
                    if (nameValue.length == 2 && nameValue[0].equalsIgnoreCase("proto")) {
                        proto = nameValue[1].strip().replace("\"", "");
                    }
                }
            }
        }
        return proto;
    }

    private boolean isTrusted(String address) {
        for (IpAddressMatcher range : trusted) {
            try {
                if (range.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }

    private static List<String> xForwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (var headers = request.getHeaders("X-Forwarded-For"); headers.hasMoreElements(); ) {
            for (String hop : headers.nextElement().split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }

    /**
     * The {@code for=} of each element: {@code for=192.0.2.60}, {@code for="[2001:db8::1]:4711"}.
     */
    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (var headers = request.getHeaders("Forwarded"); headers.hasMoreElements(); ) {
            for (String element : headers.nextElement().split(",")) {
                for (String pair : element.split(";")) {
                    String[] nameValue = pair.strip().split("=", 2);
                    if (nameValue.length == 2 && nameValue[0].equalsIgnoreCase("for")) {
                        hops.add(node(nameValue[1].strip()));
                    }
                }
            }
        }
        return hops;
    }

    /** The address of an RFC 7239 node: quotes, IPv6 brackets and a port removed. */
    private static String node(String value) {
        String node =
                value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                        ? value.substring(1, value.length() - 1)
                        : value;
        if (node.startsWith("[")) {
            int end = node.indexOf(']');
            return end > 0 ? node.substring(1, end) : node;
        }
        int colon = node.indexOf(':');
        return colon >= 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
    }

    /**
     * {@code WAYMARK_TRUSTED_PROXIES} (comma-separated CIDR ranges or addresses) and {@code
     * WAYMARK_FORWARDED_HEADER} ({@code x-forwarded-for}, the default, or {@code forwarded}).
     */
    @ConfigurationProperties("waymark.proxies")
    record Settings(List<String> trusted, String header) {

        List<IpAddressMatcher> trustedProxies() {
            List<IpAddressMatcher> ranges = new ArrayList<>();
            for (String range : trusted == null ? List.<String>of() : trusted) {
                if (range.isBlank()) {
                    continue;
                }
                try {
                    ranges.add(new IpAddressMatcher(range.strip()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSettingException(
                            "WAYMARK_TRUSTED_PROXIES",
                            "'"
                                    + range.strip()
                                    + "' is not an IP address or CIDR range such as 10.0.0.0/16");
                }
            }
            return List.copyOf(ranges);
        }

        boolean rfc7239() {
            String name =
                    header == null || header.isBlank()
                            ? "x-forwarded-for"
                            : header.strip().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "x-forwarded-for" -> false;
                case "forwarded" -> true;
                default ->
                        throw new InvalidSettingException(
                                "WAYMARK_FORWARDED_HEADER",
                                "must be x-forwarded-for or forwarded, got '" + header + "'");
            };
        }
    }
}
