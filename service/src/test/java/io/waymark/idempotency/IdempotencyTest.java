package io.waymark.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.testing.Accounts;
import io.waymark.store.StoreTransactions;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import io.waymark.shared.ApiException;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.UnprocessableException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** The Idempotency-Key rules of {@link Idempotency}, on the real store beans of each store. */
@ParameterizedClass
@EnumSource(TestStore.class)
class IdempotencyTest {

    @Parameter
    TestStore store;

    private String owner;
    private final AtomicInteger runs = new AtomicInteger();

    record Request(String title) {
    }

    record Answer(String id, String title) {
    }

    @BeforeEach
    void owner() {
        owner = new Accounts(RunningService.on(store)).user().id();
    }

    private Idempotency idempotency() {
        return RunningService.on(store).bean(Idempotency.class);
    }

    private Idempotency idempotencyWaiting(Duration inFlightWait) {
        RunningService service = RunningService.on(store);
        return new Idempotency(service.bean(IdempotencyStore.class), service.bean(StoreTransactions.class),
                service.bean(Clock.class), service.bean(JsonMapper.class), service.bean(MeterRegistry.class), inFlightWait);
    }

    private ResponseEntity<Answer> create(Request request) {
        int run = runs.incrementAndGet();
        return ResponseEntity.created(URI.create("/things/" + run)).eTag("\"1\"")
                .body(new Answer("id-" + run, request.title()));
    }

    private ResponseEntity<Answer> execute(Idempotency idempotency, String key, Request request) {
        return idempotency.execute(owner, key, request, Answer.class, () -> create(request));
    }

    @Test
    void aRetryReplaysTheFirstAnswerWithoutRunningAgain() {
        String key = UUID.randomUUID().toString();

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
        String key = UUID.randomUUID().toString();
        String otherOwner = new Accounts(RunningService.on(store)).user().id();
        execute(idempotency(), key, new Request("milk"));

        ResponseEntity<Answer> other = idempotency().execute(otherOwner, key, new Request("eggs"), Answer.class,
                () -> create(new Request("eggs")));

        assertThat(runs).hasValue(2);
        assertThat(other.getBody().title()).isEqualTo("eggs");
    }

    @Test
    void theSameKeyWithAnotherBodyIsUnprocessable() {
        String key = UUID.randomUUID().toString();
        execute(idempotency(), key, new Request("milk"));

        assertThatThrownBy(() -> execute(idempotency(), key, new Request("eggs")))
                .isInstanceOf(UnprocessableException.class)
                .extracting(e -> ((ApiException) e).type()).isEqualTo("idempotency-key-reused");
        assertThat(runs).hasValue(1);
    }

    @Test
    void keysAreOneTo255Characters() {
        assertThatThrownBy(() -> execute(idempotency(), "k".repeat(256), new Request("milk")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(Idempotency.HEADER);
        assertThatThrownBy(() -> execute(idempotency(), " ", new Request("milk")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(execute(idempotency(), UUID.randomUUID() + "k".repeat(219), new Request("milk")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aFailedOperationReleasesTheKeySoTheClientCanRetry() {
        String key = UUID.randomUUID().toString();

        assertThatThrownBy(() -> idempotency().execute(owner, key, new Request(""), Answer.class, () -> {
            throw InvalidRequestException.field("title", "must not be blank");
        })).isInstanceOf(InvalidRequestException.class);
        ResponseEntity<Answer> notFound = idempotency().execute(owner, key, new Request("?"), Answer.class,
                () -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());

        assertThat(notFound.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(RunningService.on(store).bean(IdempotencyStore.class).find(owner, key)).isEmpty();
        assertThat(execute(idempotency(), key, new Request("fixed")).getBody().title()).isEqualTo("fixed");
    }

    @Test
    void aKeyOlderThan24HoursIsFreeAgain() {
        String key = UUID.randomUUID().toString();
        IdempotencyStore keys = RunningService.on(store).bean(IdempotencyStore.class);
        IdempotencyRecord old = IdempotencyRecord.claim(owner, key, "another-body", Instant.now().minus(Duration.ofHours(25)));
        keys.claim(old);
        keys.complete(old.withResponse(201, null, "{\"id\":\"old\",\"title\":\"old\"}"));

        ResponseEntity<Answer> answer = execute(idempotency(), key, new Request("new"));

        assertThat(runs).hasValue(1);
        assertThat(answer.getBody().title()).isEqualTo("new");
        assertThat(keys.find(owner, key).orElseThrow().createdAt()).isAfter(old.createdAt());
    }

    @Test
    void aClaimAbandonedByADeadInstanceIsTakenOver() {
        String key = UUID.randomUUID().toString();
        IdempotencyStore keys = RunningService.on(store).bean(IdempotencyStore.class);
        execute(idempotency(), "probe-" + key, new Request("milk"));
        String hash = keys.find(owner, "probe-" + key).orElseThrow().requestHash();
        keys.claim(IdempotencyRecord.claim(owner, key, hash, Instant.now().minus(Duration.ofMinutes(2))));

        ResponseEntity<Answer> answer = execute(idempotency(), key, new Request("milk"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aRetryWhileTheFirstRunsWaitsForItAndReplaysItsAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        CountDownLatch finish = new CountDownLatch(1);
        var first = firstRequestHeldUntil(key, finish);
        var retry = CompletableFuture.supplyAsync(() -> execute(idempotency(), key, new Request("milk")));
        Thread.sleep(300);
        finish.countDown();

        assertThat(retry.get(10, TimeUnit.SECONDS).getBody()).isEqualTo(first.get(10, TimeUnit.SECONDS).getBody());
        assertThat(retry.get().getHeaders().getFirst(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRetryWhileTheFirstRunsTooLongIsAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        CountDownLatch finish = new CountDownLatch(1);
        var first = firstRequestHeldUntil(key, finish);

        assertThatThrownBy(() -> execute(idempotencyWaiting(Duration.ofMillis(200)), key, new Request("milk")))
                .isInstanceOf(IdempotencyKeyInUseException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(HttpStatus.CONFLICT);
        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(runs).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the first request with {@code key} and returns once it runs; it finishes when {@code finish} opens. */
    private CompletableFuture<ResponseEntity<Answer>> firstRequestHeldUntil(String key, CountDownLatch finish)
            throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> idempotency().execute(owner, key, new Request("milk"),
                Answer.class, () -> {
                    running.countDown();
                    await(finish);
                    return create(new Request("milk"));
                }));
        running.await(5, TimeUnit.SECONDS);
        return first;
    }
}