package io.waymark.shared;

public class UnprocessableException extends ApiException {

    public UnprocessableException(ProblemType type, String detail) {
        super(type, detail);
    }
}
