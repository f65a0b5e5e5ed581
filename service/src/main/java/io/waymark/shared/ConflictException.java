package io.waymark.shared;

public class ConflictException extends ApiException {

    public ConflictException(String detail) {
        super(ProblemType.CONFLICT, detail);
    }
}
