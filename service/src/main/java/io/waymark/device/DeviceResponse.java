package io.waymark.device;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A device as its owner (or an admin) sees it; never its key, which only creation shows. */
record DeviceResponse(String id, String userId, String name, Instant createdAt) {

    static DeviceResponse of(Device device) {
        return new DeviceResponse(device.id(), device.userId(), device.name(), device.createdAt());
    }

    /**
     * The answer to creation: the device and its key, the only time the key is ever shown (only its
     * hash is kept).
     */
    record Created(
            String id,
            String userId,
            String name,
            Instant createdAt,
            @Schema(
                            description =
                                    "The device key: shown this once; the ingest endpoints take it as the password, "
                                            + "id, token or bearer credential")
                    String key,
            @Schema(description = "what to type into each app, or scan: shown this once too")
                    DeviceSetup setup) {}
}
