package io.waymark.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.waymark.shared.ApiException;
import io.waymark.shared.ProblemType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code /error} page: errors raised outside Spring MVC (an exception
 * escaping a filter, a {@code sendError} from Tomcat or Spring Security) also answer with
 * problem+json, and never with a stack trace.
 */
@RestController
@Hidden // Spring's error dispatch, not an operation: clients never call it
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
            // Asked for directly, not forwarded to: there is no error here, and no page either.
            return Problems.answer(
                    Problems.of(ProblemType.NOT_FOUND, "There is no page at /error"));
        }
        // The request's filters, and its trace scope, have ended: its log line and problem take
        // both ids from here.
        try (var requestId =
                        MDC.putCloseable(
                                RequestLogFilter.MDC_KEY,
                                (String) request.getAttribute(RequestLogFilter.MDC_KEY));
                var traceId =
                        MDC.putCloseable(
                                RequestLogFilter.TRACE_ID_KEY,
                                (String) request.getAttribute(RequestLogFilter.TRACE_ID_KEY))) {
            return dispatchedError(request, code);
        }
    }

    private static ResponseEntity<ProblemDetail> dispatchedError(
            HttpServletRequest request, int code) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            return Problems.answer(
                    failure instanceof ApiException api ? api : Problems.unexpected(failure));
        }
        HttpStatus status =
                HttpStatus.resolve(code) != null
                        ? HttpStatus.valueOf(code)
                        : HttpStatus.INTERNAL_SERVER_ERROR;
        return Problems.answer(
                Problems.ofStatus(
                        status,
                        status.is5xxServerError()
                                ? "The server failed to answer this request"
                                : "The request could not be processed"));
    }
}
