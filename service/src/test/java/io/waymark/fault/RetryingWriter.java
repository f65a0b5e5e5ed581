package io.waymark.fault;

import io.waymark.testing.Api;
import io.waymark.testing.ServiceCluster;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client a well-behaved device would be: each write carries an {@code Idempotency-Key}, and on
 * no answer, a 5xx, a 409 (the key's first request still running) or a 429 it sends the very same
 * request with the same key to the next instance, backing off, until it is acknowledged (201) or
 * its deadline passes. It counts every answer by status and keeps the 5xx that were not 503 for the
 * report.
 */
final class RetryingWriter {

    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(15);

    /** One write: a to-do or a batch of pings, identified by its key. */
    record Write(int number, String key, String path, Object body) {}

    /**
     * What became of a write: the id(s) the acknowledging answer named, if any, and the last
     * answer.
     */
    record Outcome(
            Write write, boolean acknowledged, List<String> ids, int attempts, String lastAnswer) {}

    /** A 5xx other than 503, as the client saw it. */
    record ServerError(int instance, int status, String body) {}

    private final ServiceCluster cluster;
    private final String token;
    private final ConcurrentMap<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final List<ServerError> serverErrors = new ArrayList<>();
    private final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();

    RetryingWriter(ServiceCluster cluster, String token) {
        this.cluster = cluster;
        this.token = token;
    }

    Outcome write(Write write) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        int instance = write.number() % cluster.size();
        for (int attempt = 1; ; attempt++) {
            Api api = cluster.api(instance);
            Api.Response response = null;
            String answer = "no answer";
            try {
                response =
                        api.call("POST", write.path())
                                .token(token)
                                .header("Idempotency-Key", write.key())
                                .json(write.body())
                                .send();
            } catch (UncheckedIOException e) {
                count("no answer");
            }
            if (response != null) {
                count(Integer.toString(response.status()));
                answer = response.status() + " " + shortened(response.body());
                if (response.status() == 201) {
                    return new Outcome(write, true, ids(response), attempt, answer);
                }
                if (response.status() == 503 && response.header("Retry-After") == null) {
                    unavailableWithoutRetryAfter.incrementAndGet();
                }
                if (response.status() >= 500 && response.status() != 503) {
                    synchronized (serverErrors) {
                        serverErrors.add(
                                new ServerError(
                                        instance, response.status(), shortened(response.body())));
                    }
                }
                boolean retryable =
                        response.status() >= 500
                                || response.status() == 409
                                || response.status() == 429;
                if (!retryable) {
                    return new Outcome(write, false, List.of(), attempt, answer);
                }
            }
            if (System.nanoTime() > deadline) {
                return new Outcome(write, false, List.of(), attempt, answer);
            }
            instance = (instance + 1) % cluster.size();
            sleep(Math.min(1_000, 50L << Math.min(attempt, 5)));
        }
    }

    Map<String, Integer> answersByStatus() {
        Map<String, Integer> counts = new TreeMap<>();
        answers.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    List<ServerError> serverErrors() {
        synchronized (serverErrors) {
            return List.copyOf(serverErrors);
        }
    }

    int unavailableWithoutRetryAfter() {
        return unavailableWithoutRetryAfter.get();
    }

    private void count(String status) {
        answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    private static List<String> ids(Api.Response response) {
        var json = response.json();
        List<String> ids = new ArrayList<>();
        if (json.has("pings")) {
            json.get("pings").forEach(ping -> ids.add(ping.get("id").asString()));
        } else {
            ids.add(json.get("id").asString());
        }
        return ids;
    }

    private static String shortened(String body) {
        return body.length() > 160 ? body.substring(0, 160) : body;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
