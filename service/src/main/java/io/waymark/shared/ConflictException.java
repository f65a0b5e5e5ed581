package io.waymark.shared;

import java.util.List;

public class ConflictException extends ApiException {

    public ConflictException(String detail) {
        super(ProblemType.CONFLICT, detail);
    }

    /** A conflict with the state of what {@code field} refers to. */
    public ConflictException(String detail, FieldError field) {
        super(ProblemType.CONFLICT, detail, List.of(field));
    }
}
