package io.waymark.shared;

import java.time.Duration;
import java.util.Optional;

public class TooManyRequestsException extends ApiException {

    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(ProblemType.TOO_MANY_REQUESTS, detail);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
