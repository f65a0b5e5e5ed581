package io.waymark.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

public class TooManyRequestsException extends ApiException {

    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one, for the Retry-After header. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
