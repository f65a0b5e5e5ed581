package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** SQLite has one writer at a time; clients must never see that as "database is locked". */
class SqliteConcurrencyTest {

    @Test
    void manyConcurrentWritersAllSucceed() throws Exception {
        RunningService service = RunningService.on(TestStore.SQLITE);
        Api api = service.api();
        Accounts.Account alice = new Accounts(service).user();
        int writers = 48;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < writers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    // Renames hit the same row (read-modify-write); registrations add rows: both kinds of write.
                    return Math.random() < 0.5
                            ? api.patch("/api/v1/users/" + alice.id(), alice.token(), Map.of("user_name", Accounts.uniqueName("racer")))
                            : api.post("/api/v1/users", null, Map.of("user_name", Accounts.uniqueName("crowd"), "password", Accounts.PASSWORD));
                }));
            }
            start.countDown();
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get();
                assertThat(response.status()).as(response.toString()).isIn(200, 201);
                assertThat(response.body()).doesNotContainIgnoringCase("locked");
            }
        }
    }
}
