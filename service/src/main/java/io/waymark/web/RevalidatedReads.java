package io.waymark.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.waymark.shared.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

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

    private final ObjectProvider<DeclaredEndpoints> declared;

    /** Made at the first request: the handler mappings do not exist yet when filters are. */
    private volatile List<RequestMatcher> polled;

    RevalidatedReads(ObjectProvider<DeclaredEndpoints> declared) {
        this.declared = declared;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return true;
        }
        List<RequestMatcher> matchers = polled;
        if (matchers == null) {
            matchers =
                    declared.getObject().all().stream()
                            .filter(e -> e.method().equals("GET") && e.declaration().polled())
                            .map(
                                    e ->
                                            (RequestMatcher)
                                                    PathPatternRequestMatcher.withDefaults()
                                                            .matcher(HttpMethod.GET, e.path()))
                            .toList();
            polled = matchers;
        }
        return matchers.stream().noneMatch(matcher -> matcher.matches(request));
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

    /** In the API description: the ETag on the answer, and 304 for an If-None-Match naming it. */
    static void describe(Operation operation) {
        ApiResponse ok = operation.getResponses().get("200");
        if (ok != null) {
            ok.addHeaderObject(
                    "ETag",
                    new Header()
                            .description(
                                    "Strong; a hash of this body, the same on every instance: send it"
                                            + " back in If-None-Match")
                            .schema(new Schema<>().type("string")));
        }
        operation
                .getResponses()
                .addApiResponse(
                        "304",
                        new ApiResponse()
                                .description(
                                        "Not modified: If-None-Match names the answer's current"
                                                + " ETag; no body"));
    }
}
