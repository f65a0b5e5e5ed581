package io.waymark.web;

import static io.waymark.shared.ProblemType.BODY_TOO_LARGE;
import static io.waymark.shared.ProblemType.FORBIDDEN;
import static io.waymark.shared.ProblemType.IDEMPOTENCY_KEY_IN_USE;
import static io.waymark.shared.ProblemType.IDEMPOTENCY_KEY_REUSED;
import static io.waymark.shared.ProblemType.INTERNAL_ERROR;
import static io.waymark.shared.ProblemType.MALFORMED_BODY;
import static io.waymark.shared.ProblemType.MALFORMED_PARAMETERS;
import static io.waymark.shared.ProblemType.NOT_FOUND;
import static io.waymark.shared.ProblemType.PRECONDITION_FAILED;
import static io.waymark.shared.ProblemType.REJECTED_REQUEST;
import static io.waymark.shared.ProblemType.STORE_UNAVAILABLE;
import static io.waymark.shared.ProblemType.TOO_MANY_REQUESTS;
import static io.waymark.shared.ProblemType.UNAUTHORIZED;
import static io.waymark.shared.ProblemType.UNSUPPORTED_MEDIA_TYPE;
import static io.waymark.shared.ProblemType.VALIDATION;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.waymark.contract.PublicEndpoints;
import io.waymark.shared.Endpoint;
import io.waymark.shared.ProblemType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The problem+json answers of each operation in the API description: those its {@link Endpoint}
 * declaration names (the bearer scheme with 401 and 403 unless public, 429 behind a limit, its own
 * answers), and those its shape implies (400 in the API, 404 with a path variable, 409/422 with an
 * Idempotency-Key, 412 for writes to one resource, 413/415 with a body, 500, 503). Each answer's
 * description names its types from the catalogue, as "(not-found)".
 */
final class ProblemAnswers {

    static final String BEARER = "bearer";
    static final String PROBLEM_JSON = "application/problem+json";

    private ProblemAnswers() {}

    /** From the declaration on the operation's handler; runs before {@link #byShape}. */
    static void declared(Operation operation, Endpoint endpoint) {
        switch (endpoint.access()) {
            case PUBLIC -> {}
            case DEVICE_KEY -> add(operation, "Missing, wrong or deleted device key", UNAUTHORIZED);
            case SIGNED_IN, ADMIN -> {
                operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
                add(operation, "Missing, expired, revoked or invalid access token", UNAUTHORIZED);
                add(operation, "The caller's role does not allow this", FORBIDDEN);
            }
        }
        for (Endpoint.Answer answer : endpoint.answers()) {
            add(operation, answer.when(), answer.type());
        }
        if (endpoint.limit() != Endpoint.Limit.NONE) {
            add(
                    operation,
                    "Too many attempts from this client, or writes by this user",
                    "retry after Retry-After",
                    true,
                    TOO_MANY_REQUESTS);
        }
    }

    static void byShape(String path, PathItem.HttpMethod method, Operation operation) {
        boolean api = path.startsWith(PublicEndpoints.API_PREFIX);
        boolean idempotent =
                operation.getParameters() != null
                        && operation.getParameters().stream()
                                .anyMatch(p -> p.getName().equals("Idempotency-Key"));
        if (api) {
            add(
                    operation,
                    "Invalid parameters or body; 'errors' names each field",
                    VALIDATION,
                    MALFORMED_BODY,
                    MALFORMED_PARAMETERS,
                    REJECTED_REQUEST);
        }
        if (path.contains("{")) {
            add(operation, "No such resource, or not yours", NOT_FOUND);
        }
        if (idempotent) {
            add(
                    operation,
                    "The first request with this Idempotency-Key is still running",
                    "retry after Retry-After",
                    true,
                    IDEMPOTENCY_KEY_IN_USE);
            add(
                    operation,
                    "This Idempotency-Key was used with another body",
                    IDEMPOTENCY_KEY_REUSED);
        }
        if (method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH
                || method == PathItem.HttpMethod.DELETE) {
            add(operation, "If-Match does not match the current ETag", PRECONDITION_FAILED);
        }
        if (operation.getRequestBody() != null) {
            add(operation, "Body larger than " + BodySizeLimitFilter.MAX_SIZE, BODY_TOO_LARGE);
            add(operation, "A Content-Type this operation does not read", UNSUPPORTED_MEDIA_TYPE);
        }
        add(operation, "Unexpected server failure", INTERNAL_ERROR);
        if (api) {
            add(
                    operation,
                    "The database is unavailable for a moment, or the service has as many requests"
                            + " in progress as it takes",
                    "retry after Retry-After",
                    true,
                    STORE_UNAVAILABLE,
                    ProblemType.OVERLOADED);
        }
        answer(
                operation,
                "default",
                "Any other refusal, e.g. 405, 406 for an Accept this operation cannot answer, "
                        + "or 431 for oversized headers: a problem named after its status",
                false);
    }

    private static void add(Operation operation, String when, ProblemType... types) {
        add(operation, when, null, false, types);
    }

    /** "When (type, type); then": the types must share a status. */
    private static void add(
            Operation operation,
            String when,
            String then,
            boolean retryAfter,
            ProblemType... types) {
        String names =
                Arrays.stream(types).map(ProblemType::slug).collect(Collectors.joining(", "));
        answer(
                operation,
                Integer.toString(types[0].status().value()),
                when + " (" + names + ")" + (then == null ? "" : "; " + then),
                retryAfter);
    }

    private static void answer(
            Operation operation, String status, String description, boolean retryAfter) {
        ApiResponse response =
                new ApiResponse()
                        .description(description)
                        .content(
                                new Content()
                                        .addMediaType(
                                                PROBLEM_JSON,
                                                new MediaType()
                                                        .schema(
                                                                new Schema<>()
                                                                        .$ref(
                                                                                OpenApiConfiguration
                                                                                        .PROBLEM_REF))));
        if (retryAfter) {
            response.addHeaderObject(
                    "Retry-After",
                    new Header()
                            .required(true)
                            .description("Seconds to wait before retrying")
                            .schema(new Schema<>().type("integer").minimum(BigDecimal.ONE)));
        }
        ApiResponse existing = operation.getResponses().get(status);
        if (existing == null) {
            operation.getResponses().addApiResponse(status, response);
        } else if (existing.getContent() != null
                && existing.getContent().containsKey(PROBLEM_JSON)
                && !existing.getDescription().contains(description)) {
            // Two kinds of problem share a status (409): one answer, both described.
            existing.description(existing.getDescription() + "; or " + description);
            if (retryAfter && existing.getHeaders() == null) {
                existing.headers(
                        Map.of(
                                "Retry-After",
                                response.getHeaders().get("Retry-After").required(false)));
            }
        }
    }
}
