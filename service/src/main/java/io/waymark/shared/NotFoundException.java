package io.waymark.shared;

public class NotFoundException extends ApiException {

    public NotFoundException(String what, String id) {
        super(ProblemType.NOT_FOUND, "No " + what + " with id '" + id + "'");
    }
}
