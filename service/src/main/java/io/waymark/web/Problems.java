package io.waymark.web;

import io.waymark.shared.ApiException;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.ProblemType;
import io.waymark.shared.StoreUnavailableException;
import io.waymark.store.StoreOutage;
import java.io.EOFException;
import java.time.Duration;
import java.util.List;
import org.apache.coyote.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one builder of problem documents and of the answers that carry them, so all share one shape
 * and name their type from one catalogue ({@link ProblemType}): the exception handler, the error
 * controller, Tomcat's error valve, the filters, the security entry points and health all build
 * through here.
 */
public final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    /**
     * For Tomcat's error valve, which Tomcat makes by class name outside the application context:
     * Spring's mapper cannot reach it, so it writes with this one, which knows the same mix-in.
     */
    private static final JsonMapper VALVE_JSON =
            JsonMapper.builder()
                    .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
                    .build();

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        withTraceId(problem);
        return problem;
    }

    public static ProblemDetail of(ApiException e) {
        ProblemDetail problem = of(e.type(), e.getMessage());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors());
        }
        return problem;
    }

    /**
     * A refusal that has only a status (Tomcat's, or one dispatched to {@code /error}): the type
     * {@link ProblemType#forStatus} gives it.
     */
    static ProblemDetail ofStatus(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        ensureType(problem);
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

    public static ProblemDetail validation(String detail, List<ApiException.FieldError> errors) {
        return of(new InvalidRequestException(detail, errors));
    }

    /** Gives Spring's own problems (404, 405, 415, ...) a stable type derived from their status. */
    public static void ensureType(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(ProblemType.forStatus(problem.getStatus(), problem.getTitle()));
        }
        if (problem.getProperties() == null || !problem.getProperties().containsKey("trace_id")) {
            withTraceId(problem);
        }
    }

    /** The answer carrying a problem: its status, and problem+json whatever Accept says. */
    public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return start(problem).body(problem);
    }

    /** An exception's answer: its problem, with Retry-After when it has one. */
    public static ResponseEntity<ProblemDetail> answer(ApiException e) {
        ProblemDetail problem = of(e);
        ResponseEntity.BodyBuilder response = start(problem);
        e.retryAfter()
                .ifPresent(
                        wait -> response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(wait)));
        return response.body(problem);
    }

    /** The status and media type of a problem's answer, for one that adds headers of its own. */
    public static ResponseEntity.BodyBuilder start(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** The document as JSON, for Tomcat's error valve (see {@link #VALVE_JSON}). */
    static String json(ProblemDetail problem) {
        return VALVE_JSON.writeValueAsString(problem) + JsonAnswers.END;
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
