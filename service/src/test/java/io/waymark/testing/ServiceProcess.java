package io.waymark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as a separate process, started the way production starts it (main class, commands,
 * environment variables), for what only a process shows: exit codes, signals, and what it prints.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * Only the quick compiler and the serial collector: starts in half the time when cores are few.
     */
    public static final List<String> QUICK_START =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("^[a-zA-Z_$][\\w$.]*(Exception|Error)\\b");

    private final Process process;
    private final Path output;

    private ServiceProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Runs {@code waymark ARGS} with these environment variables (plus PORT=0 unless given). */
    public static ServiceProcess start(Map<String, String> environment, String... args) {
        return startWithInput(environment, null, args);
    }

    /** As {@link #start}, writing {@code stdin} to the process's standard input. */
    public static ServiceProcess startWithInput(
            Map<String, String> environment, String stdin, String... args) {
        return launch(List.of(), environment, stdin, args);
    }

    /**
     * As {@link #start}, with options for the child JVM: {@link #QUICK_START} for tests that start
     * several instances at once on a small machine.
     */
    public static ServiceProcess startWithJvmOptions(
            List<String> jvmOptions, Map<String, String> environment) {
        return launch(jvmOptions, environment, null);
    }

    /**
     * As {@link #startWithInput} (with a null {@code stdin}, none), with options for the child JVM.
     */
    public static ServiceProcess startWithJvmOptions(
            List<String> jvmOptions,
            Map<String, String> environment,
            String stdin,
            String... args) {
        return launch(jvmOptions, environment, stdin, args);
    }

    private static ServiceProcess launch(
            List<String> jvmOptions,
            Map<String, String> environment,
            String stdin,
            String... args) {
        try {
            Path output = Files.createTempFile("waymark-process", ".log");
            output.toFile().deleteOnExit();
            List<String> command =
                    new ArrayList<>(
                            List.of(ProcessHandle.current().info().command().orElse("java")));
            command.addAll(jvmOptions);
            command.addAll(
                    List.of(
                            "-cp",
                            System.getProperty("java.class.path"),
                            "io.waymark.WaymarkApplication"));
            command.addAll(List.of(args));
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile());
            builder.environment().put("PORT", "0");
            builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
            // Several instances run on this machine at once: each takes a free management port.
            builder.environment().put("WAYMARK_MANAGEMENT_PORT", "0");
            // The fault and cluster tests write as fast as they can as few users; the limits have a
            // test of their own (WriteLimitsTest).
            builder.environment().put("WAYMARK_LIMITS_TODOS_PER_MINUTE", "1000000");
            builder.environment().put("WAYMARK_LIMITS_PINGS_PER_MINUTE", "100000000");
            builder.environment().put("WAYMARK_LIMITS_USERS_PER_MINUTE", "1000000");
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            return new ServiceProcess(process, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the exit code; fails the test if the process does not end in time. */
    public int waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        "Process did not exit within " + timeout + "; output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the HTTP server listens and returns a client for it. */
    public Api awaitServing(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher port = PORT.matcher(output());
            if (port.find()) {
                return new Api("http://127.0.0.1:" + port.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        "Process exited with " + process.exitValue() + ":\n" + output());
            }
            sleep(100);
        }
        throw new AssertionError("Not serving after " + timeout + ":\n" + output());
    }

    /** Waits until the process has written {@code text} (it must still be running then). */
    public void awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("No \"" + text + "\" after " + timeout + ":\n" + output());
            }
            sleep(100);
        }
    }

    /** SIGTERM, as ECS and {@code docker stop} send it. */
    public void terminate() {
        process.destroy();
    }

    /**
     * SIGKILL, as a crashed task or a lost host: no shutdown hooks, no graceful end of requests.
     * Waits for the end.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The exceptions in the log, as "first line of the trace | last 'Caused by'" with how often
     * each appeared, for reports that name what failed without anyone opening the log.
     */
    public Map<String, Integer> loggedExceptions() {
        Map<String, Integer> exceptions = new TreeMap<>();
        String[] lines = output().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].contains(" ERROR ") && !lines[i].contains(" WARN ")) {
                continue;
            }
            int first = i + 1;
            while (first < lines.length && lines[first].isBlank()) {
                first++;
            }
            if (first >= lines.length || !EXCEPTION_LINE.matcher(lines[first]).find()) {
                continue;
            }
            String rootCause = null;
            int j = first + 1;
            for (;
                    j < lines.length
                            && (lines[j].startsWith("\t") || lines[j].startsWith("Caused by:"));
                    j++) {
                if (lines[j].startsWith("Caused by:")) {
                    rootCause = lines[j].substring("Caused by: ".length());
                }
            }
            exceptions.merge(
                    shorten(lines[first])
                            + (rootCause == null ? "" : " | caused by " + shorten(rootCause)),
                    1,
                    Integer::sum);
            i = j - 1;
        }
        return exceptions;
    }

    private static String shorten(String line) {
        return line.length() > 220 ? line.substring(0, 220) + "…" : line;
    }

    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
