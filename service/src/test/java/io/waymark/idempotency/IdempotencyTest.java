package io.waymark.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.shared.ApiException;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.UnprocessableException;
import io.waymark.store.StoreTransactions;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.Race;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Idempotency-Key rules of {@link Idempotency}, on the real store beans of each store: the one
 * specification of them. The endpoints that take a key each have one test of their own showing that
 * they are wired to it.
 */
class IdempotencyTest extends OnEveryStore {

    private static final int RACERS = 8;

    /**
     * Each request on a thread of its own: on the common pool (one thread on a two-core machine) a
     * retry would queue behind the held first request and only start once that had finished.
     */
    private static final Executor OWN_THREAD = task -> Thread.ofPlatform().daemon().start(task);

    private String owner;
    private final AtomicInteger runs = new AtomicInteger();

    record Request(String title) {}

    record Answer(String id, String title) {}

    @BeforeEach
    void owner() {
        owner = accounts().user().id();
    }

    private Idempotency idempotency() {
        return bean(Idempotency.class);
    }

    /**
     * The service's own rules on {@code keys}, waiting {@code inFlightWait} for a first request
     * still running.
     */
    private Idempotency idempotency(IdempotencyStore keys, Duration inFlightWait) {
        return new Idempotency(
                keys,
                bean(StoreTransactions.class),
                bean(Clock.class),
                bean(JsonMapper.class),
                bean(MeterRegistry.class),
                inFlightWait);
    }

    private IdempotencyStore keys() {
        return bean(IdempotencyStore.class);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private ResponseEntity<Answer> create(Request request) {
        int run = runs.incrementAndGet();
        return ResponseEntity.created(URI.create("/things/" + run))
                .eTag("\"1\"")
                .body(new Answer("id-" + run, request.title()));
    }

    private ResponseEntity<Answer> execute(Idempotency idempotency, String key, Request request) {
        return idempotency.execute(owner, key, request, Answer.class, () -> create(request));
    }

    @Test
    void aRetryReplaysTheFirstAnswerWithoutRunningAgain() {
        String key = newKey();

        ResponseEntity<Answer> first = execute(idempotency(), key, new Request("milk"));
        ResponseEntity<Answer> retry = execute(idempotency(), key, new Request("milk"));

        assertThat(runs).hasValue(1);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(retry.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(retry.getHeaders().getFirst(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(first.getHeaders().getFirst(Idempotency.REPLAYED_HEADER)).isNull();
    }

    @Test
    void withoutAKeyEveryRequestRuns() {
        execute(idempotency(), null, new Request("milk"));
        execute(idempotency(), null, new Request("milk"));

        assertThat(runs).hasValue(2);
    }

    @Test
    void keysBelongToOneUser() {
        String key = newKey();
        String otherOwner = accounts().user().id();
        execute(idempotency(), key, new Request("milk"));

        ResponseEntity<Answer> other =
                idempotency()
                        .execute(
                                otherOwner,
                                key,
                                new Request("eggs"),
                                Answer.class,
                                () -> create(new Request("eggs")));

        assertThat(runs).hasValue(2);
        assertThat(other.getBody().title()).isEqualTo("eggs");
        assertThat(other.getHeaders().getFirst(Idempotency.REPLAYED_HEADER)).isNull();
    }

    @Test
    void theSameKeyWithAnotherBodyIsUnprocessable() {
        String key = newKey();
        execute(idempotency(), key, new Request("milk"));

        assertThatThrownBy(() -> execute(idempotency(), key, new Request("eggs")))
                .isInstanceOf(UnprocessableException.class)
                .extracting(e -> ((ApiException) e).type().slug())
                .isEqualTo("idempotency-key-reused");
        assertThat(runs).hasValue(1);
    }

    @Test
    void keysAreOneTo255Characters() {
        assertThatThrownBy(() -> execute(idempotency(), "k".repeat(256), new Request("milk")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(Idempotency.HEADER);
        assertThatThrownBy(() -> execute(idempotency(), " ", new Request("milk")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(
                        execute(
                                        idempotency(),
                                        UUID.randomUUID() + "k".repeat(219),
                                        new Request("milk"))
                                .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aFailedOperationReleasesTheKeySoTheClientCanRetry() {
        String key = newKey();

        assertThatThrownBy(
                        () ->
                                idempotency()
                                        .execute(
                                                owner,
                                                key,
                                                new Request(""),
                                                Answer.class,
                                                () -> {
                                                    throw InvalidRequestException.field(
                                                            "title", "must not be blank");
                                                }))
                .isInstanceOf(InvalidRequestException.class);
        ResponseEntity<Answer> notFound =
                idempotency()
                        .execute(
                                owner,
                                key,
                                new Request("?"),
                                Answer.class,
                                () -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());

        assertThat(notFound.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(keys().find(owner, key)).isEmpty();
        assertThat(execute(idempotency(), key, new Request("fixed")).getBody().title())
                .isEqualTo("fixed");
    }

    @Test
    void aKeyOlderThan24HoursIsFreeAgain() {
        String key = newKey();
        IdempotencyStore keys = keys();
        IdempotencyRecord old =
                IdempotencyRecord.claim(
                        owner, key, "another-body", Instant.now().minus(Duration.ofHours(25)));
        keys.claim(old);
        keys.complete(old.withResponse(201, null, "{\"id\":\"old\",\"title\":\"old\"}"));

        ResponseEntity<Answer> answer = execute(idempotency(), key, new Request("new"));

        assertThat(runs).hasValue(1);
        assertThat(answer.getBody().title()).isEqualTo("new");
        assertThat(keys.find(owner, key).orElseThrow().createdAt()).isAfter(old.createdAt());
    }

    @Test
    void aClaimAbandonedByADeadInstanceIsTakenOver() {
        String key = newKey();
        IdempotencyStore keys = keys();
        execute(idempotency(), "probe-" + key, new Request("milk"));
        String hash = keys.find(owner, "probe-" + key).orElseThrow().requestHash();
        keys.claim(
                IdempotencyRecord.claim(
                        owner, key, hash, Instant.now().minus(Duration.ofMinutes(2))));

        ResponseEntity<Answer> answer = execute(idempotency(), key, new Request("milk"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aRetryWhileTheFirstRunsWaitsForItAndReplaysItsAnswer() throws Exception {
        String key = newKey();
        HeldRequest first = new HeldRequest(key);
        StoreSeeingARunningClaim keys = new StoreSeeingARunningClaim(keys());
        var retry =
                CompletableFuture.supplyAsync(
                        () ->
                                execute(
                                        idempotency(keys, Duration.ofSeconds(30)),
                                        key,
                                        new Request("milk")),
                        OWN_THREAD);

        assertThat(keys.sawRunningClaim.await(10, TimeUnit.SECONDS))
                .as("the retry met the first request running")
                .isTrue();
        assertThat(retry).as("waiting for the first request").isNotDone();
        first.release();

        assertThat(retry.get(10, TimeUnit.SECONDS).getBody()).isEqualTo(first.answer().getBody());
        assertThat(retry.get().getHeaders().getFirst(Idempotency.REPLAYED_HEADER))
                .isEqualTo("true");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRetryWhileTheFirstRunsTooLongIsAConflict() throws Exception {
        String key = newKey();
        HeldRequest first = new HeldRequest(key);

        assertThatThrownBy(
                        () ->
                                execute(
                                        idempotency(keys(), Duration.ofMillis(200)),
                                        key,
                                        new Request("milk")))
                .isInstanceOfSatisfying(
                        IdempotencyKeyInUseException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                            assertThat(e.type().slug()).isEqualTo("idempotency-key-in-use");
                            assertThat(e.retryAfter())
                                    .as("Retry-After")
                                    .contains(Duration.ofSeconds(1));
                        });
        first.release();
        assertThat(first.answer().getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void ofConcurrentRequestsWithOneKeyTheOperationRunsOnceAndEveryOtherReplaysItOrIsAConflict() {
        String key = newKey();

        List<Object> answers =
                Race.run(
                        RACERS,
                        i -> {
                            try {
                                return execute(idempotency(), key, new Request("milk"));
                            } catch (IdempotencyKeyInUseException busy) {
                                return busy;
                            }
                        });

        assertThat(runs).hasValue(1);
        assertThat(answers)
                .hasOnlyElementsOfTypes(ResponseEntity.class, IdempotencyKeyInUseException.class);
        assertThat(answers)
                .filteredOn(ResponseEntity.class::isInstance)
                .map(answer -> (Object) ((ResponseEntity<?>) answer).getBody())
                .containsOnly(new Answer("id-1", "milk"));
    }

    /**
     * A first request with a key: it has claimed the key and runs, and finishes only once released.
     */
    private final class HeldRequest {

        private final CountDownLatch finish = new CountDownLatch(1);
        private final CompletableFuture<ResponseEntity<Answer>> answer;

        HeldRequest(String key) throws InterruptedException {
            CountDownLatch running = new CountDownLatch(1);
            answer =
                    CompletableFuture.supplyAsync(
                            () ->
                                    idempotency()
                                            .execute(
                                                    owner,
                                                    key,
                                                    new Request("milk"),
                                                    Answer.class,
                                                    () -> {
                                                        running.countDown();
                                                        awaitRelease();
                                                        return create(new Request("milk"));
                                                    }),
                            OWN_THREAD);
            running.await(5, TimeUnit.SECONDS);
        }

        void release() {
            finish.countDown();
        }

        ResponseEntity<Answer> answer() throws Exception {
            return answer.get(10, TimeUnit.SECONDS);
        }

        private void awaitRelease() {
            try {
                finish.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The real store, noting when a retry finds a claim whose request is still running: one without
     * an answer.
     */
    private static final class StoreSeeingARunningClaim implements IdempotencyStore {

        final CountDownLatch sawRunningClaim = new CountDownLatch(1);
        private final IdempotencyStore store;

        StoreSeeingARunningClaim(IdempotencyStore store) {
            this.store = store;
        }

        @Override
        public boolean claim(IdempotencyRecord claim) {
            return store.claim(claim);
        }

        @Override
        public Optional<IdempotencyRecord> find(String ownerId, String key) {
            Optional<IdempotencyRecord> found = store.find(ownerId, key);
            if (found.isPresent() && !found.get().completed()) {
                sawRunningClaim.countDown();
            }
            return found;
        }

        @Override
        public boolean complete(IdempotencyRecord completed) {
            return store.complete(completed);
        }

        @Override
        public boolean delete(IdempotencyRecord record) {
            return store.delete(record);
        }

        @Override
        public int deleteCreatedBefore(Instant cutoff) {
            return store.deleteCreatedBefore(cutoff);
        }
    }
}
