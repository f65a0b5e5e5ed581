package io.waymark.web;

import io.waymark.shared.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses HTTP/0.9 by closing the connection, and, with a 4xx problem, requests that would
 * otherwise fail deep inside Spring as a 500: a {@code Content-Type} that is not a concrete media
 * type ({@code *}{@code /*}, {@code application/*}, garbage), parameters that are not valid
 * percent-encoded UTF-8 ({@code ?q=%}, {@code ?%ff}), which Tomcat only reports when a parameter is
 * first read, and parameters holding NUL, which PostgreSQL cannot store or compare.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class MalformedRequestFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    MalformedRequestFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getProtocol().isEmpty()) {
            // HTTP/0.9 (a request line without a version; Tomcat's protocol is then ""): its answer
            // is a bare body with no status line and no headers, so none of the security headers.
            // Nothing is written; committing the empty answer keeps the error valve from writing
            // one, and Tomcat closes the connection.
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.flushBuffer();
            return;
        }
        if (request.getContentType() != null && !isConcrete(request.getContentType())) {
            problems.write(
                    response,
                    Problems.of(
                            ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            "Content-Type must be one concrete media type, such as application/json"));
            return;
        }
        try {
            if (hasNul(request.getParameterMap())) {
                problems.write(
                        response,
                        Problems.of(
                                ProblemType.MALFORMED_PARAMETERS,
                                "A parameter holds the NUL character (%00), which no value of this service can contain"));
                return;
            }
        } catch (InvalidParameterException e) {
            HttpStatus status = HttpStatus.resolve(e.getErrorCode());
            problems.write(
                    response,
                    status == HttpStatus.CONTENT_TOO_LARGE
                            ? BodySizeLimitFilter.problem()
                            : Problems.of(
                                    ProblemType.MALFORMED_PARAMETERS,
                                    "The query string or form body is not valid percent-encoded UTF-8, or has too many parameters"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean hasNul(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf('\0') >= 0) {
                return true;
            }
            for (String value : parameter.getValue()) {
                if (value.indexOf('\0') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isConcrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
