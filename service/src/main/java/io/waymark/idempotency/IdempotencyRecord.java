package io.waymark.idempotency;

import java.time.Instant;

/**
 * One {@code Idempotency-Key} of one user: the hash of the request that claimed it and, once that
 * request has succeeded, the answer to replay. A record without a status is a claim whose request
 * is still running.
 *
 * @param responseHeaders the headers to replay (Location, ETag) as a JSON object, or {@code null}
 * @param responseBody the JSON body to replay, or {@code null}
 */
public record IdempotencyRecord(
        String ownerId,
        String key,
        String requestHash,
        Instant createdAt,
        Integer responseStatus,
        String responseHeaders,
        String responseBody) {

    public static IdempotencyRecord claim(
            String ownerId, String key, String requestHash, Instant createdAt) {
        return new IdempotencyRecord(ownerId, key, requestHash, createdAt, null, null, null);
    }

    public boolean completed() {
        return responseStatus != null;
    }

    /** The same record with its answer; what {@link IdempotencyStore#complete} stores. */
    public IdempotencyRecord withResponse(int status, String headers, String body) {
        return new IdempotencyRecord(ownerId, key, requestHash, createdAt, status, headers, body);
    }
}
