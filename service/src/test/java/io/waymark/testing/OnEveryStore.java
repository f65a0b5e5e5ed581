package io.waymark.testing;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The base of a test class that runs once per store (SQLite, PostgreSQL, MongoDB), each time
 * against that store's shared {@link RunningService}. Both annotations are inherited, and JUnit
 * injects the {@link Parameter} field of a superclass, so a subclass only states its tests.
 */
@ParameterizedClass
@MethodSource("io.waymark.testing.TestStore#selected")
public abstract class OnEveryStore {

    @Parameter protected TestStore store;

    protected RunningService service() {
        return RunningService.on(store);
    }

    protected Api api() {
        return service().api();
    }

    protected Accounts accounts() {
        return new Accounts(service());
    }

    /** A bean of the running service: a store, to set up or check what HTTP cannot reach. */
    protected <T> T bean(Class<T> type) {
        return service().bean(type);
    }
}
