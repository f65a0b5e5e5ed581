package io.waymark.shared;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Every problem type the service answers with, by name: its status, and the {@code type} URI
 * clients read ({@code urn:waymark:problem:} and the constant's name in lower case with hyphens).
 * The exceptions, the problem builder, the filters, health and the API description all name a type
 * through this catalogue; a test checks that {@code /openapi.json} documents each one and no other.
 * Spring's own refusals (405, 406, 431, ...) that have no entry here are named after their status
 * ({@link #forStatus}), which the document's {@code default} answer describes.
 */
public enum ProblemType {
    VALIDATION(HttpStatus.BAD_REQUEST),
    MALFORMED_BODY(HttpStatus.BAD_REQUEST),
    MALFORMED_PARAMETERS(HttpStatus.BAD_REQUEST),
    REJECTED_REQUEST(HttpStatus.BAD_REQUEST),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED),
    FORBIDDEN(HttpStatus.FORBIDDEN),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    CONFLICT(HttpStatus.CONFLICT),
    IDEMPOTENCY_KEY_IN_USE(HttpStatus.CONFLICT),
    PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED),
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS),
    /** A fault of ours: whatever raised it, a 500 has this one type. */
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
    STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    /** More API requests in progress than the instance takes at once (web/InFlightRequests). */
    OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE),
    /** Readiness only: the store does not answer, or the service is shutting down. */
    NOT_READY(HttpStatus.SERVICE_UNAVAILABLE);

    /** What every problem type URI starts with. */
    public static final String PREFIX = "urn:waymark:problem:";

    private final HttpStatus status;

    ProblemType(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** The last segment of the type, e.g. {@code not-found}: how descriptions name it. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public URI uri() {
        return URI.create(PREFIX + slug());
    }

    /**
     * The type of a refusal raised by Spring or Tomcat with only a status: the catalogue's entry
     * for a 500, else the status's reason phrase ({@code Method Not Allowed} becomes {@code
     * urn:waymark:problem:method-not-allowed}).
     */
    public static URI forStatus(int status, String title) {
        if (status == INTERNAL_ERROR.status.value()) {
            return INTERNAL_ERROR.uri();
        }
        String name = title == null ? "error" : title;
        return URI.create(PREFIX + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    }
}
