package io.waymark.idempotency;

import io.waymark.shared.ApiException;
import io.waymark.shared.ProblemType;
import java.time.Duration;
import java.util.Optional;

/**
 * 409: the first request with this key is still running; the client retries after Retry-After
 * seconds.
 */
class IdempotencyKeyInUseException extends ApiException {

    IdempotencyKeyInUseException() {
        super(
                ProblemType.IDEMPOTENCY_KEY_IN_USE,
                "A request with this Idempotency-Key is still being processed; retry it shortly to get its answer");
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(Duration.ofSeconds(1));
    }
}
