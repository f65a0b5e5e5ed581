package io.waymark.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.ProblemType;
import io.waymark.shared.Sha256;
import io.waymark.shared.UnprocessableException;
import io.waymark.store.StoreTransactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a POST safe to retry: with an {@code Idempotency-Key} header the operation runs at most
 * once per user and key, and a retry gets the first answer again. Usage, in a controller:
 *
 * <pre>{@code
 * @PostMapping
 * ResponseEntity<PingResponse> create(@Valid @RequestBody PingRequest request, Caller caller,
 *         @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
 *     return idempotency.execute(caller.id(), idempotencyKey, request, PingResponse.class,
 *             () -> ResponseEntity.created(location).eTag(etag).body(service.create(request, caller)));
 * }
 * }</pre>
 *
 * Rules: without a key the operation simply runs. A key is 1 to 255 characters (else 400) and
 * belongs to one user. The request's identity is the SHA-256 of its parsed body re-serialized as
 * canonical JSON (keys sorted), so whitespace and key order do not matter. Within 24 hours:
 *
 * <ul>
 *   <li>the first request claims the key, runs, and its 2xx answer (status, body, Location, ETag)
 *       is stored;
 *   <li>a retry with the same body replays that answer with {@code Idempotent-Replayed: true},
 *       running nothing;
 *   <li>the same key with a different body is 422 {@code idempotency-key-reused};
 *   <li>a retry while the first request still runs waits up to {@value #IN_FLIGHT_WAIT_SECONDS} s
 *       for it and replays its answer, else answers 409 {@code idempotency-key-in-use} with {@code
 *       Retry-After: 1};
 *   <li>when the operation fails (an exception, or a non-2xx answer) the claim is released, so the
 *       client can fix the request and retry with the same key;
 *   <li>when the store fails at the commit (503), the outcome is unknown: the connection may have
 *       dropped after the server committed. Releasing deletes only a claim still without an answer,
 *       so a retry replays the answer if the write happened and runs it if it did not.
 * </ul>
 *
 * The operation must be one write that either happens or throws (one insert, one batch in a
 * transaction).
 */
@Service
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    /**
     * Set on a replayed answer, so a client (and a test) can tell a replay from a first execution.
     */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    static final int MAX_KEY_LENGTH = 255;
    static final int RETENTION_HOURS = 24;
    static final Duration RETENTION = Duration.ofHours(RETENTION_HOURS);
    static final long IN_FLIGHT_WAIT_SECONDS = 5;

    /** What a client may rely on, for the API description of an operation that takes the key. */
    public static final String RETRIES =
            "With an Idempotency-Key, a retry with the same body within "
                    + RETENTION_HOURS
                    + " h replays the first answer (Idempotent-Replayed: true) and creates nothing; the same"
                    + " key with another body is 422; a retry while the first is still running waits for it,"
                    + " or after "
                    + IN_FLIGHT_WAIT_SECONDS
                    + " s answers 409 with Retry-After.";

    /**
     * A claim still without an answer after this long belongs to a request that failed without
     * releasing it (its instance died, or the store went down under it), so a retry may take it
     * over. On SQLite and PostgreSQL that is safe even if the first request is only slow: its write
     * and its answer commit in one transaction, and the answer's update finds its claim gone, so it
     * rolls back. On MongoDB (no transactions) a first request still running after this long would
     * write twice; a store wait there is capped at 5 s by server selection.
     */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(10);

    /**
     * Expired records are purged by the requests themselves, at most this often per instance: no
     * scheduler.
     */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);

    private final IdempotencyStore store;
    private final StoreTransactions transactions;
    private final Clock clock;
    private final JsonMapper json;
    private final JsonMapper canonical;
    private final Duration inFlightWait;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    /**
     * {@code waymark_idempotency_replays_total}: retries answered from a stored answer, running
     * nothing.
     */
    private final Counter replays;

    /**
     * {@code waymark_idempotency_conflicts_total{reason}}: a key reused with another body (422), or
     * still in use (409).
     */
    private final Counter reused;

    private final Counter inUse;

    @Autowired
    Idempotency(
            IdempotencyStore store,
            StoreTransactions transactions,
            Clock clock,
            JsonMapper json,
            MeterRegistry meters) {
        this(store, transactions, clock, json, meters, Duration.ofSeconds(IN_FLIGHT_WAIT_SECONDS));
    }

    /** With a shorter wait for a running first request, so tests need not sit out the real one. */
    Idempotency(
            IdempotencyStore store,
            StoreTransactions transactions,
            Clock clock,
            JsonMapper json,
            MeterRegistry meters,
            Duration inFlightWait) {
        this.replays =
                Counter.builder("waymark.idempotency.replays")
                        .description(
                                "Requests with an Idempotency-Key answered by replaying the first answer")
                        .register(meters);
        this.reused = conflicts(meters, "key-reused");
        this.inUse = conflicts(meters, "key-in-use");
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.json = json;
        this.inFlightWait = inFlightWait;
        this.canonical =
                json.rebuild()
                        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                        .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
                        .build();
    }

    /**
     * Runs {@code operation} once for this user, key and request, or replays its stored answer.
     *
     * @param ownerId the caller's user id: keys are per user
     * @param key the {@code Idempotency-Key} header, or {@code null} to just run the operation
     * @param request the parsed request body (what identifies "the same request")
     * @param responseType the class of the answer's body, to read a stored answer back
     */
    public <T> ResponseEntity<T> execute(
            String ownerId,
            String key,
            Object request,
            Class<T> responseType,
            Supplier<ResponseEntity<T>> operation) {
        if (key == null) {
            return operation.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw InvalidRequestException.field(
                    HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(request);
        purgeExpiredOccasionally();
        long giveUpAt = System.nanoTime() + inFlightWait.toNanos();
        for (int attempt = 0; ; attempt++) {
            IdempotencyRecord claim = IdempotencyRecord.claim(ownerId, key, hash, clock.instant());
            if (store.claim(claim)) {
                return run(claim, operation);
            }
            Optional<IdempotencyRecord> existing = store.find(ownerId, key);
            if (existing.isPresent()) {
                IdempotencyRecord record = existing.get();
                if (isStale(record)) {
                    store.delete(record);
                    continue;
                }
                if (!record.requestHash().equals(hash)) {
                    reused.increment();
                    throw new UnprocessableException(
                            ProblemType.IDEMPOTENCY_KEY_REUSED,
                            "This Idempotency-Key was used with a different request body; use a new key for a new request");
                }
                if (record.completed()) {
                    replays.increment();
                    return replay(record, responseType);
                }
            }
            if (System.nanoTime() - giveUpAt > 0) {
                inUse.increment();
                throw new IdempotencyKeyInUseException();
            }
            pause(attempt);
        }
    }

    private static Counter conflicts(MeterRegistry meters, String reason) {
        return Counter.builder("waymark.idempotency.conflicts")
                .tag("reason", reason)
                .description(
                        "Requests refused because their Idempotency-Key was reused or still in use")
                .register(meters);
    }

    private <T> ResponseEntity<T> run(
            IdempotencyRecord claim, Supplier<ResponseEntity<T>> operation) {
        ResponseEntity<T> response;
        try {
            // The write and its stored answer commit together (where the store has transactions):
            // a retry then replays the answer or finds the key free, and never meets a write
            // without its answer, which it would repeat once the claim counted as abandoned.
            response =
                    transactions.inTransaction(
                            () -> {
                                ResponseEntity<T> answer = operation.get();
                                if (answer.getStatusCode().is2xxSuccessful()
                                        && !store.complete(answerOf(claim, answer))) {
                                    // The claim was taken over as abandoned (this ran too long):
                                    // the other request does the write, so this one is undone and
                                    // the client replays the other's answer.
                                    log.warn(
                                            "Idempotency claim was taken over before its answer could be stored");
                                    throw new IdempotencyKeyInUseException();
                                }
                                return answer;
                            });
        } catch (RuntimeException | Error e) {
            // Usually nothing was written and the key is freed for a corrected request. A failed
            // commit may still have been applied; then the answer is on the claim, which the
            // release leaves for the retry to replay.
            release(claim);
            throw e;
        }
        if (!response.getStatusCode().is2xxSuccessful()) {
            release(claim);
        }
        return response;
    }

    private IdempotencyRecord answerOf(IdempotencyRecord claim, ResponseEntity<?> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : new String[] {HttpHeaders.LOCATION, HttpHeaders.ETAG}) {
            String value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        String body =
                response.getBody() == null ? null : json.writeValueAsString(response.getBody());
        return claim.withResponse(
                response.getStatusCode().value(), json.writeValueAsString(headers), body);
    }

    /**
     * Deletes the claim after a failure, unless it has an answer by now. When that fails too (the
     * store is down), the claim stays until it counts as abandoned; the original failure is what
     * the client hears.
     */
    private void release(IdempotencyRecord claim) {
        try {
            store.delete(claim);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not release an idempotency claim; it expires as abandoned: {}",
                    e.toString());
        }
    }

    private <T> ResponseEntity<T> replay(IdempotencyRecord record, Class<T> responseType) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(record.responseStatus());
        if (record.responseHeaders() != null) {
            json.readValue(record.responseHeaders(), new TypeReference<Map<String, String>>() {})
                    .forEach(answer::header);
        }
        answer.header(REPLAYED_HEADER, "true");
        return answer.body(
                record.responseBody() == null
                        ? null
                        : json.readValue(record.responseBody(), responseType));
    }

    private boolean isStale(IdempotencyRecord record) {
        Instant now = clock.instant();
        return record.createdAt().isBefore(now.minus(RETENTION))
                || (!record.completed() && record.createdAt().isBefore(now.minus(ABANDONED_AFTER)));
    }

    private void purgeExpiredOccasionally() {
        Instant now = clock.instant();
        Instant due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL))) {
            return;
        }
        int purged = store.deleteCreatedBefore(now.minus(RETENTION));
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
    }

    private String hash(Object request) {
        return HexFormat.of()
                .formatHex(
                        request == null
                                ? Sha256.of("null")
                                : Sha256.of(canonical.writeValueAsBytes(request)));
    }

    /**
     * 25 ms, doubling to at most 200 ms: the first request usually finishes within a few
     * milliseconds.
     */
    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 25L << Math.min(attempt, 3)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdempotencyKeyInUseException();
        }
    }
}
