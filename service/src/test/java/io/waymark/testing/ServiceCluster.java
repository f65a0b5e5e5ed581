package io.waymark.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Several instances of the service on one database, each a {@link ServiceProcess} (so one can be
 * killed outright, as a crashed task is), started together the way a deployment starts its tasks.
 * Closing it kills them all.
 */
public final class ServiceCluster implements AutoCloseable {

    private final List<ServiceProcess> processes;
    private final List<Api> apis;

    private ServiceCluster(List<ServiceProcess> processes, List<Api> apis) {
        this.processes = processes;
        this.apis = apis;
    }

    /**
     * Starts {@code size} instances with this environment at once and waits until every one serves.
     */
    public static ServiceCluster start(
            int size, Map<String, String> environment, Duration timeout) {
        List<ServiceProcess> processes =
                IntStream.range(0, size)
                        .mapToObj(
                                i ->
                                        ServiceProcess.startWithJvmOptions(
                                                ServiceProcess.QUICK_START, environment))
                        .toList();
        try {
            List<CompletableFuture<Api>> serving =
                    processes.stream()
                            .map(p -> CompletableFuture.supplyAsync(() -> p.awaitServing(timeout)))
                            .toList();
            return new ServiceCluster(
                    processes, serving.stream().map(CompletableFuture::join).toList());
        } catch (RuntimeException | Error e) {
            processes.forEach(ServiceProcess::close);
            throw e;
        }
    }

    public int size() {
        return processes.size();
    }

    public Api api(int instance) {
        return apis.get(instance);
    }

    /** Kills the instance at once (SIGKILL): requests in flight on it get no answer. */
    public void kill(int instance) {
        processes.get(instance).kill();
    }

    public List<Integer> survivors() {
        return IntStream.range(0, size()).filter(i -> processes.get(i).isAlive()).boxed().toList();
    }

    /**
     * Polls {@code /health/ready} of every surviving instance until each answers 200 or the timeout
     * passes; returns the last status of each (-1 when it did not answer at all).
     */
    public Map<Integer, Integer> awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, Integer> last = new LinkedHashMap<>();
        survivors().forEach(i -> last.put(i, -1));
        while (true) {
            for (int i : new ArrayList<>(last.keySet())) {
                if (last.get(i) != 200) {
                    last.put(i, readiness(i));
                }
            }
            if (last.values().stream().allMatch(status -> status == 200)
                    || System.nanoTime() > deadline) {
                return last;
            }
            sleep(250);
        }
    }

    /**
     * The exceptions each instance logged, by instance: see {@link
     * ServiceProcess#loggedExceptions()}.
     */
    public Map<Integer, Map<String, Integer>> loggedExceptions() {
        Map<Integer, Map<String, Integer>> exceptions = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) {
            exceptions.put(i, processes.get(i).loggedExceptions());
        }
        return exceptions;
    }

    private int readiness(int instance) {
        try {
            return apis.get(instance).get("/health/ready", null).status();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        processes.forEach(ServiceProcess::close);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
