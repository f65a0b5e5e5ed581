package io.waymark.shared;

public class ForbiddenException extends ApiException {

    public ForbiddenException(String detail) {
        super(ProblemType.FORBIDDEN, detail);
    }
}
