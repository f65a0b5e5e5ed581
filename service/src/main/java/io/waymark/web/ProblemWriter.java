package io.waymark.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.waymark.shared.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
        write(response, Problems.answer(e));
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        write(response, Problems.answer(problem));
    }

    /** The answer {@link Problems} built, written by hand where no controller can return it. */
    private void write(HttpServletResponse response, ResponseEntity<ProblemDetail> answer)
            throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders()
                .forEach(
                        (name, values) -> {
                            if (name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                                response.setContentType(values.getFirst());
                            } else {
                                values.forEach(value -> response.addHeader(name, value));
                            }
                        });
        response.getOutputStream()
                .write(
                        (json.writeValueAsString(answer.getBody()) + JsonAnswers.END)
                                .getBytes(UTF_8));
    }
}
