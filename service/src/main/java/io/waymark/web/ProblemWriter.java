package io.waymark.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.waymark.shared.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem document from places that run before Spring MVC (servlet filters, the security
 * entry points), where {@link ProblemHandler} cannot be reached.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** An {@link ApiException}'s problem, with its Retry-After. */
    public void write(HttpServletResponse response, ApiException e) throws IOException {
        e.retryAfter()
                .ifPresent(
                        wait ->
                                response.setHeader(
                                        HttpHeaders.RETRY_AFTER, Problems.retryAfterSeconds(wait)));
        write(response, Problems.of(e));
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Problems.ensureType(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream()
                .write((json.writeValueAsString(problem) + JsonAnswers.END).getBytes(UTF_8));
    }
}
