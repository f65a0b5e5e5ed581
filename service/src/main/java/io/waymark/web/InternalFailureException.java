package io.waymark.web;

import io.waymark.shared.ApiException;
import org.springframework.http.HttpStatus;

/**
 * 500: a fault of ours. The answer says nothing of it but the request id, which finds the logged
 * cause.
 */
class InternalFailureException extends ApiException {

    InternalFailureException() {
        super(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "The server failed to answer this request; the request id in X-Request-Id identifies it in the logs");
    }
}
