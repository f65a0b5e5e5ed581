package io.waymark.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds every problem document the service sends, so all share one shape and one family of type URIs. */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:waymark:problem:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        return problem;
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
            String title = problem.getTitle() != null ? problem.getTitle() : "error";
            problem.setType(URI.create(TYPE_PREFIX + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")));
        }
    }

    /** {@code userName} becomes {@code user_name}: errors name fields as clients send them. */
    public static String wireName(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
