package io.waymark.idempotency;

import io.waymark.shared.ApiException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * 409: the first request with this key is still running; the client retries after Retry-After
 * seconds.
 */
class IdempotencyKeyInUseException extends ApiException {

    IdempotencyKeyInUseException() {
        super(
                HttpStatus.CONFLICT,
                "idempotency-key-in-use",
                "A request with this Idempotency-Key is still being processed; retry it shortly to get its answer");
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(Duration.ofSeconds(1));
    }
}
