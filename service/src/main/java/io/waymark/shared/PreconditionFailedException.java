package io.waymark.shared;

import org.springframework.http.HttpStatus;

public class PreconditionFailedException extends ApiException {

    public PreconditionFailedException() {
        super(
                HttpStatus.PRECONDITION_FAILED,
                "precondition-failed",
                "If-Match does not match the current ETag: the resource changed since it was read");
    }
}
