package io.waymark.web;

import io.waymark.shared.ApiException;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.StoreUnavailableException;
import io.waymark.store.StoreOutage;
import java.io.EOFException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.coyote.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds every problem document the service sends, so all share one shape and one family of type
 * URIs.
 */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:waymark:problem:";
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(typeUri(type)));
        withTraceId(problem);
        return problem;
    }

    /**
     * The request's trace id as {@code trace_id}, when it has one: what to quote when reporting a
     * failure.
     */
    static void withTraceId(ProblemDetail problem) {
        String traceId = MDC.get(RequestLogFilter.TRACE_ID_KEY);
        if (traceId != null && !traceId.isEmpty()) {
            problem.setProperty("trace_id", traceId);
        }
    }

    /** {@code not-found} becomes {@code urn:waymark:problem:not-found}. */
    static String typeUri(String type) {
        return TYPE_PREFIX + type;
    }

    /** A type made from a title: {@code Method Not Allowed} becomes {@code method-not-allowed}. */
    static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    public static ProblemDetail of(ApiException e) {
        ProblemDetail problem = of(e.status(), e.type(), e.getMessage());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors());
        }
        return problem;
    }

    public static ProblemDetail validation(String detail, List<ApiException.FieldError> errors) {
        return of(new InvalidRequestException(detail, errors));
    }

    /** Gives Spring's own problems (404, 405, 415, ...) a stable type derived from their status. */
    public static void ensureType(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(
                    URI.create(
                            typeUri(
                                    slug(
                                            problem.getTitle() != null
                                                    ? problem.getTitle()
                                                    : "error"))));
        }
        if (problem.getProperties() == null || !problem.getProperties().containsKey("trace_id")) {
            withTraceId(problem);
        }
    }

    /**
     * The answer to an exception nothing expected: 503 when the store is down (a warning: it is not
     * our bug), else a 500 logged with its request id and stack trace.
     */
    static ApiException unexpected(Throwable e) {
        for (Throwable cause = e;
                cause != null;
                cause = cause.getCause() == cause ? null : cause.getCause()) {
            // Tomcat could not decode the body as sent, or the body ended before its
            // Content-Length.
            if (cause instanceof BadRequestException || cause instanceof EOFException) {
                return new MalformedBodyException();
            }
        }
        if (StoreOutage.causedBy(e)) {
            log.warn(
                    "Store unavailable (request_id={}): {}",
                    MDC.get(RequestLogFilter.MDC_KEY),
                    e.toString());
            return new StoreUnavailableException();
        }
        log.error("Unexpected failure (request_id={})", MDC.get(RequestLogFilter.MDC_KEY), e);
        return new InternalFailureException();
    }

    /** Retry-After in whole seconds, at least one (RFC 9110 delay-seconds). */
    public static String retryAfterSeconds(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }
}
