package io.waymark.web;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where exceptions become HTTP answers: {@code application/problem+json} with a stable type, a
 * readable detail, and for validation an {@code errors} list naming each field. Nothing internal (stack traces,
 * SQL, class names) reaches the client.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        // Whole seconds, at least one (RFC 9110 delay-seconds).
        e.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
        return response.body(Problems.of(e));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "The server failed to answer this request; the request id in X-Request-Id identifies it in the logs"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new ApiException.FieldError(Problems.wireName(error.getField()), error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(Problems.of(InvalidRequestException.of(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new ApiException.FieldError(
                        Problems.wireName(result.getMethodParameter().getParameterName()), error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(Problems.of(InvalidRequestException.of(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() != null ? Problems.wireName(e.getPropertyName()) : "parameter";
        return ResponseEntity.badRequest().body(Problems.of(InvalidRequestException.field(field, "has an invalid value")));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request.getAttribute(BodySizeLimitFilter.EXCEEDED, WebRequest.SCOPE_REQUEST) != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(BodySizeLimitFilter.problem());
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                String field = path(unknown);
                return ResponseEntity.badRequest().body(Problems.validation("Unknown field '" + field + "'",
                        List.of(new ApiException.FieldError(field, "is not a field of this request"))));
            }
            if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
                String field = path(json);
                return ResponseEntity.badRequest().body(Problems.validation("Invalid value for '" + field + "'",
                        List.of(new ApiException.FieldError(field, "has an invalid value or type"))));
            }
        }
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-body",
                "The request body is missing or is not valid JSON"));
    }

    /** Spring's own problems (404, 405, 415, 406, ...) keep their status and get a stable type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            Problems.ensureType(problem);
        }
        return response;
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
