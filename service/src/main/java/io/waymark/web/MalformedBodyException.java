package io.waymark.web;

import io.waymark.shared.ApiException;
import io.waymark.shared.ProblemType;

/**
 * 400: the body cannot be read at all: missing, not JSON, or broken in transit (a bad chunked
 * encoding).
 */
class MalformedBodyException extends ApiException {

    MalformedBodyException() {
        super(ProblemType.MALFORMED_BODY, "The request body is missing or is not valid JSON");
    }
}
