package io.waymark.web;

import io.waymark.shared.ApiException;
import org.springframework.http.HttpStatus;

/**
 * 400: the body cannot be read at all: missing, not JSON, or broken in transit (a bad chunked
 * encoding).
 */
class MalformedBodyException extends ApiException {

    MalformedBodyException() {
        super(
                HttpStatus.BAD_REQUEST,
                "malformed-body",
                "The request body is missing or is not valid JSON");
    }
}
