package io.waymark.store;

/** A cheap round trip to the store, for the readiness check. */
@FunctionalInterface
public interface StoreProbe {

    /** Returns normally when the store answers; throws otherwise. */
    void check();
}
