package io.waymark.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * The exceptions an in-process service logged, by the request id of the request that caused them
 * (the {@code X-Request-Id} a test sent), so a failing test can name the exception and where it
 * came from instead of asking for a rerun with a debugger. Closing it detaches it from the logging
 * system.
 */
public final class LoggedFailures implements AutoCloseable {

    private final Map<String, Logged> byRequestId = new ConcurrentHashMap<>();
    private final Appender appender = new Appender();
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

    private LoggedFailures() {}

    public static LoggedFailures capture() {
        LoggedFailures failures = new LoggedFailures();
        failures.appender.setContext(failures.root.getLoggerContext());
        failures.appender.start();
        failures.root.addAppender(failures.appender);
        return failures;
    }

    /**
     * An exception as logged: {@code description} is one line with messages and line numbers;
     * {@code cause} only the exception classes and the throwing method, the same for every request
     * that failed the same way.
     */
    public record Logged(String description, String cause) {}

    /** The first exception logged (WARN or worse) while serving this request. */
    public Optional<Logged> forRequest(String requestId) {
        return Optional.ofNullable(byRequestId.get(requestId));
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }

    /**
     * One line: the exception logged and its root cause, where it was thrown, and the first frame
     * of ours (or, when the failure never reached our code, of Spring's web layer) that led there:
     * filters are skipped, since every request passes through them.
     */
    static String describe(IThrowableProxy thrown) {
        IThrowableProxy root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        StringBuilder line = new StringBuilder(oneLine(thrown));
        if (root != thrown) {
            line.append(" (root cause ").append(oneLine(root)).append(')');
        }
        StackTraceElementProxy[] frames = thrown.getStackTraceElementProxyArray();
        if (frames.length > 0) {
            line.append(" at ").append(frames[0].getStackTraceElement());
        }
        viaFrame(frames, "io.waymark.")
                .or(() -> viaFrame(frames, "org.springframework.web."))
                .ifPresent(via -> line.append(" via ").append(via));
        return line.toString();
    }

    static String cause(IThrowableProxy thrown) {
        IThrowableProxy root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        StackTraceElementProxy[] frames = thrown.getStackTraceElementProxyArray();
        String at =
                frames.length == 0
                        ? ""
                        : " at "
                                + frames[0].getStackTraceElement().getClassName()
                                + "."
                                + frames[0].getStackTraceElement().getMethodName();
        return thrown.getClassName()
                + (root != thrown ? " caused by " + root.getClassName() : "")
                + at
                + viaFrame(frames, "io.waymark.")
                        .map(via -> " via " + via.getClassName() + "." + via.getMethodName())
                        .orElse("");
    }

    private static Optional<StackTraceElement> viaFrame(
            StackTraceElementProxy[] frames, String packagePrefix) {
        for (int i = 1; i < frames.length; i++) {
            StackTraceElement frame = frames[i].getStackTraceElement();
            if (frame.getClassName().startsWith(packagePrefix)
                    && !frame.getClassName().contains("Filter")
                    && !frame.getClassName().contains("$$")) {
                return Optional.of(frame);
            }
        }
        return Optional.empty();
    }

    private static String oneLine(IThrowableProxy cause) {
        String message = String.valueOf(cause.getMessage()).replaceAll("\\s+", " ");
        return cause.getClassName()
                + ": "
                + (message.length() > 140 ? message.substring(0, 140) + "…" : message);
    }

    private final class Appender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            String requestId = event.getMDCPropertyMap().get("request_id");
            if (requestId != null
                    && event.getThrowableProxy() != null
                    && event.getLevel().isGreaterOrEqual(Level.WARN)) {
                byRequestId.putIfAbsent(
                        requestId,
                        new Logged(
                                describe(event.getThrowableProxy()),
                                cause(event.getThrowableProxy())));
            }
        }
    }
}
