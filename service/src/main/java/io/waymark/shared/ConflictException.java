package io.waymark.shared;

import java.util.List;
import org.springframework.http.HttpStatus;

public class ConflictException extends ApiException {

    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, "conflict", detail);
    }

    /** A conflict with the state of what {@code field} refers to. */
    public ConflictException(String detail, FieldError field) {
        super(HttpStatus.CONFLICT, "conflict", detail, List.of(field));
    }
}
