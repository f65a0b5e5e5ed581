package io.waymark.testing;

import io.waymark.WaymarkApplication;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real service, started in the test JVM on 127.0.0.1 and a random port, on a fresh database of
 * the given store. One instance per store is shared by all test classes (starting Spring is the
 * slow part); tests keep out of each other's way by creating their own users. Store contract tests
 * take their store beans from it too.
 */
public final class RunningService {

    private static final ConcurrentMap<TestStore, RunningService> shared =
            new ConcurrentHashMap<>();

    /**
     * Spring Boot sets up and tears down the JVM's one logging system as a context starts and
     * stops: two at once in one JVM fail ("Unable to find Spring Environment in logger context",
     * seen when tests run concurrently), so they take turns; the services run side by side.
     */
    private static final Object STARTING_OR_STOPPING = new Object();

    private final ConfigurableApplicationContext context;
    private final Api api;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
        this.api =
                new Api(
                        "http://127.0.0.1:"
                                + context.getEnvironment().getProperty("local.server.port"));
    }

    public static RunningService on(TestStore store) {
        return shared.computeIfAbsent(store, s -> start(s.newDatabase(), Map.of()));
    }

    /** A service of its own, for tests that change settings; the caller stops it. */
    public static RunningService start(Map<String, String> database, Map<String, String> settings) {
        return start(database, settings, List.of());
    }

    /**
     * A service of its own whose context {@code initializers} prepare first (to wrap a bean with a
     * fault, say); the caller stops it.
     */
    public static RunningService start(
            Map<String, String> database,
            Map<String, String> settings,
            List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers) {
        Map<String, String> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        // A free port for the actuator too: several services run in this JVM at once.
        properties.put("management.server.port", "0");
        // Every test registers its own users, all from 127.0.0.1; ThrottlingTest checks the real
        // limit.
        properties.put("waymark.registrations.per-minute", "1000000");
        // Tests write many to-dos and pings as one user; WriteLimitsTest checks the real limits.
        properties.put("waymark.limits.todos-per-minute", "1000000");
        properties.put("waymark.limits.pings-per-minute", "100000000");
        properties.put("waymark.limits.users-per-minute", "1000000");
        properties.putAll(settings);
        // As command-line arguments: they outrank application.yaml and the environment, as in
        // production.
        String[] args =
                properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new);
        ConfigurableApplicationContext context;
        synchronized (STARTING_OR_STOPPING) {
            context =
                    new SpringApplicationBuilder(WaymarkApplication.class)
                            .initializers(
                                    initializers.toArray(ApplicationContextInitializer<?>[]::new))
                            .run(args);
        }
        context.registerShutdownHook();
        return new RunningService(context);
    }

    public Api api() {
        return api;
    }

    /** The management server (actuator), on its own port of the loopback. */
    public Api management() {
        return Api.unchecked("http://127.0.0.1:" + managementPort());
    }

    public int managementPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Every bean of a type of which there may be several, by bean name. */
    public <T> Map<String, T> beans(Class<T> type) {
        return context.getBeansOfType(type);
    }

    public void stop() {
        synchronized (STARTING_OR_STOPPING) {
            context.close();
        }
    }
}
