package io.waymark.location;

import java.time.Instant;

/**
 * A stored ping. Coordinates are integer micro-degrees (what every store keeps), so the six
 * decimals a device sends come back exactly; {@code Coordinate} converts at the edge.
 *
 * @param accuracyM the device's accuracy radius in metres, or {@code null} when it sent none
 * @param recordedAt when the device took the fix (millisecond precision)
 * @param createdAt when the service stored it
 */
public record Location(
        String id,
        String userId,
        int latE6,
        int lngE6,
        Double accuracyM,
        Instant recordedAt,
        Instant createdAt) {}
