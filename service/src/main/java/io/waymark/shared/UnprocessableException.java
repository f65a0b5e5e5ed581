package io.waymark.shared;

import org.springframework.http.HttpStatus;

public class UnprocessableException extends ApiException {

    public UnprocessableException(String type, String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, type, detail);
    }
}
