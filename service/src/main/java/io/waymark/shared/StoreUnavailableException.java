package io.waymark.shared;

import java.time.Duration;
import java.util.Optional;

/**
 * 503: the store is down, restarting or failing over; the same request will work once it is back.
 */
public class StoreUnavailableException extends ApiException {

    /**
     * A PostgreSQL restart or a Multi-AZ failover takes seconds; a client retrying sooner only adds
     * load.
     */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    public StoreUnavailableException() {
        super(
                ProblemType.STORE_UNAVAILABLE,
                "The database is unavailable for a moment; retry the request after the delay in Retry-After");
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
    }
}
