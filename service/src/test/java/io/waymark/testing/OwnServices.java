package io.waymark.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Services of a test class's own, one per store, each on a new database: for tests whose data must
 * not meet the shared services' (keys that are not real, a store without admins). Each starts on
 * first use and stops after the class. Register it as {@code @RegisterExtension static final
 * OwnServices own = new OwnServices();}.
 */
public final class OwnServices implements AfterAllCallback {

    private final Map<TestStore, RunningService> services = new ConcurrentHashMap<>();
    private final List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers;

    public OwnServices() {
        this(List.of());
    }

    /**
     * Services whose contexts {@code initializers} prepare first, e.g. {@link
     * LostAcknowledgements}.
     */
    public OwnServices(
            List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers) {
        this.initializers = List.copyOf(initializers);
    }

    public RunningService on(TestStore store) {
        return services.computeIfAbsent(
                store, s -> RunningService.start(s.newDatabase(), Map.of(), initializers));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        services.values().forEach(RunningService::stop);
        services.clear();
    }
}
