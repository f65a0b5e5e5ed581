package io.waymark.shared;

public class PreconditionFailedException extends ApiException {

    public PreconditionFailedException() {
        super(
                ProblemType.PRECONDITION_FAILED,
                "If-Match does not match the current ETag: the resource changed since it was read");
    }
}
