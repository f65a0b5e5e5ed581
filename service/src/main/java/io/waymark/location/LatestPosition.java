package io.waymark.location;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;

/**
 * One person's latest ping, its fields as every ping has them, with what the team view needs at a
 * glance: which device sent it, and whether they have gone silent or their battery is low.
 */
record LatestPosition(
        @JsonUnwrapped LocationResponse ping,
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
                LocationResponse.of(l),
                deviceName,
                l.recordedAt().isBefore(now.minus(silentAfter)),
                l.batteryPct() != null && l.batteryPct() < TeamSettings.LOW_BATTERY_PCT);
    }
}
