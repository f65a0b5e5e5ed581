package io.waymark.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request (method, path, status, duration, request id). The request id comes from
 * {@code X-Request-Id} when it looks sane, else it is generated; it is echoed in the response and
 * put in the MDC so every log line of the request carries it. The query string is not logged: it
 * can hold user data.
 *
 * <p>It runs just inside Spring Boot's observation filter ({@code HIGHEST_PRECEDENCE + 1}), which
 * opens the request's trace: so this line, too, carries the trace id ({@code traceId} in the MDC).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestLogFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "request_id";

    /** Micrometer Tracing's MDC key for the current trace. */
    static final String TRACE_ID_KEY = "traceId";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger log = LoggerFactory.getLogger("io.waymark.request");

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(HEADER);
        String requestId =
                incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : newRequestId();
        response.setHeader(HEADER, requestId);
        request.setAttribute(
                MDC_KEY, requestId); // for the error dispatch, which runs after this filter is done
        request.setAttribute(TRACE_ID_KEY, MDC.get(TRACE_ID_KEY));
        MDC.put(MDC_KEY, requestId);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            log.info(
                    "{} {} {} {}ms request_id={}",
                    request.getMethod(),
                    request.getRequestURI(),
                    response.getStatus(),
                    millis,
                    requestId);
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * A random UUID in the usual form. Request ids need to be unique, not unguessable, so a
     * per-thread random source does, where {@code UUID.randomUUID()} would draw from the shared
     * SecureRandom on every request.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }
}
