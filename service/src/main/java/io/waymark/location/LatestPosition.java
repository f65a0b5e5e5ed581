package io.waymark.location;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One person's latest ping with what the team view needs at a glance: which device sent it, and
 * whether they have gone silent or their battery is low.
 */
record LatestPosition(
        String id,
        String userId,
        BigDecimal lat,
        BigDecimal lng,
        @Schema(
                        types = {"number", "null"},
                        format = "double")
                Double accuracyM,
        Instant recordedAt,
        Instant createdAt,
        @Schema(types = {"string", "null"}) String deviceId,
        @Schema(
                        types = {"number", "null"},
                        format = "double")
                Double batteryPct,
        @Schema(
                        types = {"number", "null"},
                        format = "double")
                Double speedMps,
        @Schema(
                        types = {"number", "null"},
                        format = "double")
                Double headingDeg,
        @Schema(
                        types = {"number", "null"},
                        format = "double")
                Double altitudeM,
        @Schema(
                        types = {"string", "null"},
                        description =
                                "the name of the device that sent it, while the device exists")
                String deviceName,
        @Schema(description = "no ping for longer than WAYMARK_SILENT_AFTER (default 15 min)")
                boolean silent,
        @Schema(description = "battery_pct under 15") boolean lowBattery) {

    static LatestPosition of(Location l, String deviceName, Instant now, Duration silentAfter) {
        return new LatestPosition(
                l.id(),
                l.userId(),
                MicroDegrees.toDegrees(l.latE6()),
                MicroDegrees.toDegrees(l.lngE6()),
                l.accuracyM(),
                l.recordedAt(),
                l.createdAt(),
                l.deviceId(),
                l.batteryPct(),
                l.speedMps(),
                l.headingDeg(),
                l.altitudeM(),
                deviceName,
                l.recordedAt().isBefore(now.minus(silentAfter)),
                l.batteryPct() != null && l.batteryPct() < TeamSettings.LOW_BATTERY_PCT);
    }
}
