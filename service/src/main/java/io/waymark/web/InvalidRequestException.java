package io.waymark.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** 400: the request is understood but a value in it is not acceptable. */
public class InvalidRequestException extends ApiException {

    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, "validation", detail, errors);
    }

    public static InvalidRequestException field(String field, String message) {
        return new InvalidRequestException("'" + field + "' " + message, List.of(new FieldError(field, message)));
    }
}
