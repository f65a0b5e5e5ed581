package io.waymark.shared;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * A client-facing failure. Services throw the small subclasses; {@link ProblemHandler} turns every
 * one into {@code application/problem+json} with a stable {@code type}.
 */
public abstract class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    protected ApiException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    protected ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public HttpStatus status() {
        return type.status();
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /**
     * How long a client should wait before retrying, sent as {@code Retry-After}; none by default.
     */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** One invalid field in a validation problem; {@code field} uses the wire (snake_case) name. */
    public record FieldError(String field, String message) {

        /** {@code userName} becomes {@code user_name}: errors name fields as clients send them. */
        public static String wireName(String javaName) {
            return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        }
    }
}
