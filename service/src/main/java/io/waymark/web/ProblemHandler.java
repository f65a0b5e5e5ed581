package io.waymark.web;

import io.waymark.shared.ApiException;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.ProblemType;
import io.waymark.store.DatabaseErrors;
import java.util.List;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where exceptions become HTTP answers: {@code application/problem+json} with a
 * stable type, a readable detail, and for validation an {@code errors} list naming each field.
 * Nothing internal (stack traces, SQL, class names) reaches the client.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException e) {
        return Problems.answer(e);
    }

    /**
     * Spring Security's firewall checks a header when it is first read, which can be deep inside
     * MVC.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> handleRejected(RequestRejectedException e) {
        return Problems.answer(
                Problems.of(
                        ProblemType.REJECTED_REQUEST,
                        "A header or parameter holds characters this service does not accept (control or unassigned characters)"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e) {
        if (e instanceof DataAccessException data && DatabaseErrors.isMissingReference(data)) {
            // The caller's user was deleted while this request ran (other instances learn of a
            // deletion within seconds): the token no longer stands for anyone.
            ProblemDetail gone =
                    Problems.of(
                            ProblemType.UNAUTHORIZED, "The user of this token no longer exists");
            return Problems.start(gone)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .body(gone);
        }
        return Problems.answer(Problems.unexpected(e));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<ApiException.FieldError> errors =
                e.getBindingResult().getFieldErrors().stream()
                        .map(
                                error ->
                                        new ApiException.FieldError(
                                                ApiException.FieldError.wireName(error.getField()),
                                                error.getDefaultMessage()))
                        .toList();
        return problemJson(Problems.of(InvalidRequestException.of(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<ApiException.FieldError> errors =
                e.getParameterValidationResults().stream()
                        .flatMap(
                                result ->
                                        result.getResolvableErrors().stream()
                                                .map(
                                                        error ->
                                                                new ApiException.FieldError(
                                                                        ApiException.FieldError
                                                                                .wireName(
                                                                                        result.getMethodParameter()
                                                                                                .getParameterName()),
                                                                        error.getDefaultMessage())))
                        .toList();
        return problemJson(Problems.of(InvalidRequestException.of(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String field =
                e.getPropertyName() != null
                        ? ApiException.FieldError.wireName(e.getPropertyName())
                        : "parameter";
        return problemJson(
                Problems.of(InvalidRequestException.field(field, "has an invalid value")));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        if (request.getAttribute(BodySizeLimitFilter.EXCEEDED, WebRequest.SCOPE_REQUEST) != null) {
            return problemJson(BodySizeLimitFilter.problem());
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                String field = path(unknown);
                return problemJson(
                        Problems.validation(
                                "Unknown field '" + field + "'",
                                List.of(
                                        new ApiException.FieldError(
                                                field, "is not a field of this request"))));
            }
            if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
                String field = path(json);
                return problemJson(
                        Problems.validation(
                                "Invalid value for '" + field + "'",
                                List.of(
                                        new ApiException.FieldError(
                                                field, "has an invalid value or type"))));
            }
        }
        return problemJson(Problems.of(new MalformedBodyException()));
    }

    /**
     * Any path nothing serves: the same plain 404 whatever the path, rather than Spring's "No
     * static resource …", which names how the service looked for it.
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return problemJson(noSuchPath());
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return problemJson(noSuchPath());
    }

    private static ProblemDetail noSuchPath() {
        return Problems.of(ProblemType.NOT_FOUND, "Nothing is served at this path");
    }

    /** Spring's own problems (404, 405, 415, 406, ...) keep their status and get a stable type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e,
            Object body,
            HttpHeaders headers,
            HttpStatusCode statusCode,
            WebRequest request) {
        ResponseEntity<Object> response =
                super.handleExceptionInternal(e, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            Problems.ensureType(problem);
            // Preset, so that an Accept the problem cannot satisfy (406, say) still gets it, not an
            // empty answer.
            return Problems.start(problem).headers(response.getHeaders()).body(problem);
        }
        return response;
    }

    private static ResponseEntity<Object> problemJson(ProblemDetail problem) {
        return Problems.start(problem).body(problem);
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
