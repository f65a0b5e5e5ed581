package io.waymark.web;

import io.waymark.shared.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The reads an open map page repeats every few seconds answer {@code 304 Not Modified} to an {@code
 * If-None-Match} that names what they would send again. The ETag is a strong one (RFC 9110 8.8.3):
 * a SHA-256 of the JSON body itself, so it changes exactly when the answer does and every instance
 * computes the same tag for the same data, whichever one a poll reaches behind the load balancer.
 * The answer is still computed in full; what a 304 saves is the bytes on the wire and the page's
 * work of redrawing, which is what an idle page costs most.
 *
 * <p>Answers keep {@code Cache-Control: no-store} (set by the security headers): the browser keeps
 * no copy, the page keeps the last answer and its tag in memory and sends the tag itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
class RevalidatedReads extends ShallowEtagHeaderFilter {

    /**
     * The lists the map page polls, as the API description spells their paths: to-dos, users (an
     * admin's team), latest positions and the JSON pages of a track. Single resources are not here:
     * they carry the version ETag of {@code If-Match}.
     */
    static final Set<String> PATHS =
            Set.of(
                    "/api/v1/todos",
                    "/api/v1/users",
                    "/api/v1/locations/latest",
                    "/api/v1/users/{id}/locations");

    private static final List<PathPattern> PATTERNS =
            PATHS.stream().map(PathPatternParser.defaultInstance::parse).toList();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return true;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        return PATTERNS.stream().noneMatch(pattern -> pattern.matches(path));
    }

    /**
     * Spring's rule, less its refusal of {@code no-store} answers: that directive keeps the body
     * out of caches, which no conditional request by the page itself needs.
     */
    @Override
    protected boolean isEligibleForEtag(
            HttpServletRequest request,
            HttpServletResponse response,
            int responseStatusCode,
            InputStream inputStream) {
        return !response.isCommitted() && responseStatusCode >= 200 && responseStatusCode < 300;
    }

    @Override
    protected String generateETagHeaderValue(InputStream body, boolean isWeak) throws IOException {
        return "\""
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(Sha256.of(body.readAllBytes()))
                + "\"";
    }
}
