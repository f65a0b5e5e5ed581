package io.waymark.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs racers at the same moment: each on a thread of its own, all held behind one latch until
 * every one of them is waiting at it, then released together. What a racer returns comes back in
 * racer order; what one throws fails the race with that exception.
 */
public final class Race {

    /**
     * Long enough for any racer of these tests on a loaded machine; a racer still running after it
     * is a hang.
     */
    private static final long TIMEOUT_SECONDS = 120;

    private Race() {}

    /** Runs {@code racer.apply(i)} for i from 0 to {@code racers - 1}, all at once. */
    public static <T> List<T> run(int racers, IntFunction<T> racer) {
        CountDownLatch ready = new CountDownLatch(racers);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(racers)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                int index = i;
                futures.add(
                        threads.submit(
                                () -> {
                                    ready.countDown();
                                    start.await();
                                    return racer.apply(index);
                                }));
            }
            try {
                if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("Not all " + racers + " racers got to the start");
                }
                start.countDown();
                List<T> results = new ArrayList<>();
                for (Future<T> future : futures) {
                    results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
                }
                return results;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error failure) {
                    throw failure;
                }
                throw new IllegalStateException("A racer failed", e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError(
                        "A racer was still running after " + TIMEOUT_SECONDS + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                start.countDown();
                threads.shutdownNow();
            }
        }
    }
}
