package io.waymark.web;

import io.waymark.shared.ApiException;
import io.waymark.shared.ProblemType;

/**
 * 500: a fault of ours. The answer says nothing of it but the request id, which finds the logged
 * cause.
 */
class InternalFailureException extends ApiException {

    InternalFailureException() {
        super(
                ProblemType.INTERNAL_ERROR,
                "The server failed to answer this request; the request id in X-Request-Id identifies it in the logs");
    }
}
