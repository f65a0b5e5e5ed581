package io.waymark.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Services of a test class's own, one per store, each on a new database: for tests whose data must
 * not meet the shared services' (keys that are not real, a store without admins). Each starts on
 * first use and stops after the class. Register it as {@code @RegisterExtension static final
 * OwnServices own = new OwnServices();}.
 */
public final class OwnServices implements AfterAllCallback {

    private final Map<TestStore, RunningService> services = new ConcurrentHashMap<>();

    public RunningService on(TestStore store) {
        return services.computeIfAbsent(
                store, s -> RunningService.start(s.newDatabase(), Map.of()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        services.values().forEach(RunningService::stop);
        services.clear();
    }
}
