package io.waymark.location;

import java.time.Instant;

/**
 * A stored ping. Coordinates are integer micro-degrees (what every store keeps), so the six
 * decimals a device sends come back exactly; {@code Coordinate} converts at the edge.
 *
 * @param accuracyM the device's accuracy radius in metres, or {@code null} when it sent none
 * @param recordedAt when the device took the fix (millisecond precision)
 * @param createdAt when the service stored it
 * @param deviceId the device whose key sent it, or {@code null} when a user's token did
 * @param batteryPct 0 to 100, or {@code null}
 * @param speedMps metres per second, or {@code null}
 * @param headingDeg 0 to 360, clockwise from true north, or {@code null}
 * @param altitudeM metres above sea level, or {@code null}
 */
public record Location(
        String id,
        String userId,
        int latE6,
        int lngE6,
        Double accuracyM,
        Instant recordedAt,
        Instant createdAt,
        String deviceId,
        Double batteryPct,
        Double speedMps,
        Double headingDeg,
        Double altitudeM) {

    /** A ping with position, accuracy and time only. */
    public Location(
            String id,
            String userId,
            int latE6,
            int lngE6,
            Double accuracyM,
            Instant recordedAt,
            Instant createdAt) {
        this(
                id,
                userId,
                latE6,
                lngE6,
                accuracyM,
                recordedAt,
                createdAt,
                null,
                null,
                null,
                null,
                null);
    }

    Location fromDevice(String device) {
        return new Location(
                id,
                userId,
                latE6,
                lngE6,
                accuracyM,
                recordedAt,
                createdAt,
                device,
                batteryPct,
                speedMps,
                headingDeg,
                altitudeM);
    }
}
