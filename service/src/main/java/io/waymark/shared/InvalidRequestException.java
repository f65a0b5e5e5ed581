package io.waymark.shared;

import jakarta.validation.ConstraintViolation;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** 400: the request is understood but a value in it is not acceptable. */
public class InvalidRequestException extends ApiException {

    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(ProblemType.VALIDATION, detail, errors);
    }

    public static InvalidRequestException field(String field, String message) {
        return of(List.of(new FieldError(field, message)));
    }

    /** One error per field, with a detail that lists them all. */
    public static InvalidRequestException of(List<FieldError> errors) {
        return new InvalidRequestException(
                errors.stream()
                        .map(e -> "'" + e.field() + "' " + e.message())
                        .collect(Collectors.joining("; ")),
                errors);
    }

    /** From Bean Validation, for objects validated in a service rather than at the controller. */
    public static InvalidRequestException of(
            Collection<? extends ConstraintViolation<?>> violations) {
        return of(
                violations.stream()
                        .map(
                                v ->
                                        new FieldError(
                                                ApiException.FieldError.wireName(
                                                        v.getPropertyPath().toString()),
                                                v.getMessage()))
                        .sorted(Comparator.comparing(FieldError::field))
                        .distinct()
                        .toList());
    }
}
