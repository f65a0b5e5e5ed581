package io.waymark.testing;

import java.util.Map;

/**
 * Devices for the tests: made over HTTP, as a user makes them, with the key the answer shows once.
 */
public final class Devices {

    private final Api api;

    public Devices(Api api) {
        this.api = api;
    }

    /** A device and its key. */
    public record Device(String id, String key) {}

    public Device of(Accounts.Account owner) {
        return of(owner, "phone " + Accounts.uniqueName("d"));
    }

    public Device of(Accounts.Account owner, String name) {
        Api.Response created = api.post("/api/v1/devices", owner.token(), Map.of("name", name));
        if (created.status() != 201) {
            throw new IllegalStateException("Creating a device failed: " + created);
        }
        return new Device(
                created.json().get("id").asString(), created.json().get("key").asString());
    }
}
