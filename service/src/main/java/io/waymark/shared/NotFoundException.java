package io.waymark.shared;

import org.springframework.http.HttpStatus;

public class NotFoundException extends ApiException {

    public NotFoundException(String what, String id) {
        super(HttpStatus.NOT_FOUND, "not-found", "No " + what + " with id '" + id + "'");
    }
}
