package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite on a network file system (the lean deployment's EFS mode) has one process at a time: a
 * second instance starts and answers liveness, waits for the first one's lock, and takes over when
 * the first shuts down, with the requests it was sent meanwhile answered, not failed. migrate waits
 * its turn the same way.
 */
class SqliteSingleWriterTest {

    private static final Duration START = Duration.ofMinutes(2);

    @TempDir Path directory;

    @Test
    void aSecondServeWaitsLiveButNotReadyAndTakesOverWhenTheFirstStops() throws Exception {
        Map<String, String> environment =
                Map.of(
                        "DATABASE_URL",
                        "sqlite:" + directory.resolve("waymark.db") + "?journal_mode=delete");
        try (var first =
                ServiceProcess.startWithJvmOptions(ServiceProcess.QUICK_START, environment)) {
            Api old = first.awaitServing(START);
            awaitStatus(old, "/health/ready", 200);
            var alice = registerAndSignIn(old);

            try (var second =
                    ServiceProcess.startWithJvmOptions(ServiceProcess.QUICK_START, environment)) {
                Api next = second.awaitServing(START);
                assertThat(next.get("/health", null).status()).isEqualTo(200);
                assertThat(next.get("/health/ready", null).status()).isEqualTo(503);
                assertThat(Files.readString(directory.resolve("waymark.db.lock")))
                        .as("who holds it")
                        .isNotBlank();
                // Sent to the new task while the old one still holds the database: it waits for the
                // take-over.
                var waiting =
                        CompletableFuture.supplyAsync(() -> next.get("/api/v1/auth/me", alice));
                Thread.sleep(500);
                assertThat(waiting).isNotDone();

                first.terminate();
                assertThat(first.waitForExit(START)).isZero();

                assertThat(waiting.get().status()).isEqualTo(200);
                awaitStatus(next, "/health/ready", 200);
                assertThat(second.output()).contains("Waiting for", "Holding");
            }
        }
    }

    @Test
    void migrateWaitsForTheServeThatHoldsTheDatabase() throws Exception {
        Map<String, String> environment =
                Map.of(
                        "DATABASE_URL",
                        "sqlite:" + directory.resolve("waymark.db") + "?journal_mode=delete");
        try (var serve =
                ServiceProcess.startWithJvmOptions(ServiceProcess.QUICK_START, environment)) {
            awaitStatus(serve.awaitServing(START), "/health/ready", 200);
            try (var migrate = ServiceProcess.start(environment, "migrate")) {
                migrate.awaitOutput("Waiting for", START);
                assertThat(migrate.isAlive())
                        .as("migrate waits while serve holds the lock")
                        .isTrue();

                serve.terminate();

                assertThat(migrate.waitForExit(START)).isZero();
                assertThat(migrate.output()).contains("migrations applied");
            }
        }
    }

    private static String registerAndSignIn(Api api) {
        String name = Accounts.uniqueName("writer");
        assertThat(
                        api.post(
                                        "/api/v1/users",
                                        null,
                                        Map.of("user_name", name, "password", Accounts.PASSWORD))
                                .status())
                .isEqualTo(201);
        return new Accounts.SignIn(api).as(name, Accounts.PASSWORD);
    }

    private static void awaitStatus(Api api, String path, int status) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        int last;
        do {
            last = api.get(path, null).status();
            if (last == status) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(last).as(path).isEqualTo(status);
    }
}
