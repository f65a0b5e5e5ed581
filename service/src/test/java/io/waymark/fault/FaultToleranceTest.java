package io.waymark.fault;

import io.waymark.fault.RetryingWriter.Outcome;
import io.waymark.fault.RetryingWriter.Write;
import io.waymark.testing.Accounts;
import io.waymark.testing.RestartablePostgres;
import io.waymark.testing.ServiceCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three instances on one PostgreSQL take a steady stream of writes (to-dos and batches of pings,
 * each with an {@code Idempotency-Key}) from a client that retries on the next instance; mid-load
 * one instance is killed outright, then the database is restarted. What a client was told was
 * stored must be stored, exactly once; the only 5xx allowed is 503 (the database is away: try
 * again), and every instance left standing is ready at the end.
 */
class FaultToleranceTest {

    private static final int WRITES = 360;

    /** One write every 40 ms: about 15 s of load, so both faults happen in the middle of it. */
    private static final Duration PACE = Duration.ofMillis(40);

    private static final Duration KILL_AT = Duration.ofSeconds(4);
    private static final Duration RESTART_AT = Duration.ofSeconds(8);
    private static final Duration DATABASE_DOWN = Duration.ofSeconds(2);
    private static final int CLIENTS = 6;
    private static final int KILLED = 1;
    private static final Instant RECORDED = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void acknowledgedWritesSurviveAnInstanceCrashAndADatabaseRestartExactlyOnce() throws Exception {
        try (RestartablePostgres postgres = RestartablePostgres.start();
                ServiceCluster cluster =
                        ServiceCluster.start(
                                3, postgres.newDatabase("waymark_fault"), Duration.ofSeconds(90))) {
            Accounts.Account device =
                    Accounts.registered(cluster.api(0), Accounts.uniqueName("device"));
            String userId = device.id();
            String token = device.token();
            RetryingWriter writer = new RetryingWriter(cluster, token);

            List<Outcome> outcomes = new ArrayList<>();
            String timeline;
            long start = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                AtomicInteger next = new AtomicInteger();
                List<Future<List<Outcome>>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    running.add(
                            clients.submit(
                                    () -> {
                                        List<Outcome> mine = new ArrayList<>();
                                        for (int n; (n = next.getAndIncrement()) < WRITES; ) {
                                            sleepUntil(start + PACE.toNanos() * n);
                                            mine.add(writer.write(write(n)));
                                        }
                                        return mine;
                                    }));
                }
                sleepUntil(start + KILL_AT.toNanos());
                cluster.kill(KILLED);
                double killedAt = seconds(start);
                sleepUntil(start + RESTART_AT.toNanos());
                double downAt = seconds(start);
                postgres.restart(DATABASE_DOWN);
                double upAt = seconds(start);
                for (Future<List<Outcome>> client : running) {
                    outcomes.addAll(client.get(2, TimeUnit.MINUTES));
                }
                timeline =
                        String.format(
                                "instance %d killed at %.1f s; PostgreSQL stopped at %.1f s, up again at %.1f s; "
                                        + "load ended at %.1f s",
                                KILLED, killedAt, downAt, upAt, seconds(start));
            } finally {
                clients.shutdownNow();
            }
            Map<Integer, Integer> ready = cluster.awaitReady(Duration.ofSeconds(30));

            Stored stored = Stored.read(postgres, userId);
            int acknowledged = 0;
            List<String> lost = new ArrayList<>();
            List<String> duplicated = new ArrayList<>();
            int unacknowledgedStored = 0;
            List<String> unacknowledged = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                Write write = outcome.write();
                int rows = stored.rowsOf(write);
                int expected = write.path().endsWith("/todos") ? 1 : 3;
                if (outcome.acknowledged()) {
                    acknowledged++;
                    if (rows < expected || !stored.ids().containsAll(outcome.ids())) {
                        lost.add(write.key() + " (" + rows + " of " + expected + " rows)");
                    }
                } else {
                    unacknowledged.add(
                            write.key()
                                    + " after "
                                    + outcome.attempts()
                                    + " attempts, "
                                    + rows
                                    + " rows stored, last answer: "
                                    + outcome.lastAnswer());
                    unacknowledgedStored += rows > 0 ? 1 : 0;
                }
                if (rows > expected) {
                    duplicated.add(write.key() + " (" + rows + " rows, " + expected + " expected)");
                }
            }
            Map<String, Long> serverErrors =
                    writer.serverErrors().stream()
                            .collect(
                                    Collectors.groupingBy(
                                            e ->
                                                    e.status()
                                                            + " from instance "
                                                            + e.instance()
                                                            + ": "
                                                            + e.body(),
                                            Collectors.counting()));

            String report =
                    "Fault test: "
                            + timeline
                            + "\n"
                            + "  writes attempted "
                            + outcomes.size()
                            + ", acknowledged "
                            + acknowledged
                            + ", not acknowledged "
                            + (outcomes.size() - acknowledged)
                            + " (stored anyway: "
                            + unacknowledgedStored
                            + "), lost "
                            + lost.size()
                            + ", duplicated "
                            + duplicated.size()
                            + "\n"
                            + "  answers by status "
                            + writer.answersByStatus()
                            + "; 503 without Retry-After: "
                            + writer.unavailableWithoutRetryAfter()
                            + "\n"
                            + "  readiness at the end (instance: status) "
                            + ready
                            + "\n"
                            + (unacknowledged.isEmpty()
                                    ? ""
                                    : "  not acknowledged: " + unacknowledged + "\n")
                            + (lost.isEmpty() ? "" : "  lost: " + lost + "\n")
                            + (duplicated.isEmpty() ? "" : "  duplicated: " + duplicated + "\n")
                            + (serverErrors.isEmpty()
                                    ? ""
                                    : "  5xx other than 503, as answered: "
                                            + serverErrors
                                            + "\n"
                                            + "  exceptions the instances logged: "
                                            + cluster.loggedExceptions()
                                            + "\n");
            System.out.println(report);

            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(lost)
                    .as("acknowledged writes missing from the database\n" + report)
                    .isEmpty();
            softly.assertThat(duplicated)
                    .as("idempotency keys that produced more rows than one write\n" + report)
                    .isEmpty();
            softly.assertThat(serverErrors).as("5xx answers other than 503\n" + report).isEmpty();
            softly.assertThat(writer.unavailableWithoutRetryAfter())
                    .as("503 answers without Retry-After\n" + report)
                    .isZero();
            Map<Integer, Integer> allReady = new HashMap<>();
            cluster.survivors().forEach(i -> allReady.put(i, 200));
            softly.assertThat(ready)
                    .as("/health/ready of the surviving instances\n" + report)
                    .isEqualTo(allReady)
                    .doesNotContainKey(KILLED)
                    .hasSize(2);
            softly.assertThat(acknowledged)
                    .as("most writes acknowledged (the load really ran)")
                    .isGreaterThan(WRITES / 2);
            softly.assertAll();
        }
    }

    /** Write n: a to-do titled by n, or (odd n) a batch of three pings whose accuracy is n. */
    private static Write write(int n) {
        String key = "fault-" + n;
        if (n % 2 == 0) {
            return new Write(n, key, "/api/v1/todos", Map.of("title", key));
        }
        List<Map<String, Object>> pings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pings.add(
                    Map.of(
                            "lat",
                            51.5,
                            "lng",
                            -0.12,
                            "accuracy_m",
                            (double) n,
                            "recorded_at",
                            RECORDED.plusSeconds(n * 10L + i).toString()));
        }
        return new Write(n, key, "/api/v1/locations", Map.of("pings", pings));
    }

    /** What the database holds for the device's user: rows per write, and every id. */
    private record Stored(
            Map<String, Integer> todosByTitle,
            Map<Integer, Integer> pingsByAccuracy,
            Set<String> ids) {

        static Stored read(RestartablePostgres postgres, String userId) throws SQLException {
            Map<String, Integer> todos = new HashMap<>();
            Map<Integer, Integer> pings = new HashMap<>();
            Set<String> ids = new HashSet<>();
            try (Connection connection = postgres.connect("waymark_fault")) {
                try (PreparedStatement query =
                        connection.prepareStatement(
                                "SELECT id, title FROM todos WHERE owner_id = ?")) {
                    query.setString(1, userId);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getString("id"));
                            todos.merge(rows.getString("title"), 1, Integer::sum);
                        }
                    }
                }
                try (PreparedStatement query =
                        connection.prepareStatement(
                                "SELECT id, accuracy_m FROM locations WHERE user_id = ?")) {
                    query.setString(1, userId);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getString("id"));
                            pings.merge((int) rows.getDouble("accuracy_m"), 1, Integer::sum);
                        }
                    }
                }
            }
            return new Stored(todos, pings, ids);
        }

        int rowsOf(Write write) {
            return write.path().endsWith("/todos")
                    ? todosByTitle.getOrDefault(write.key(), 0)
                    : pingsByAccuracy.getOrDefault(write.number(), 0);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
