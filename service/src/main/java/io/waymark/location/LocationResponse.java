package io.waymark.location;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.waymark.shared.Coordinate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A ping as clients see it: degrees with exactly the decimals that were sent (up to six). */
public record LocationResponse(
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
        @Schema(
                        types = {"string", "null"},
                        description = "the device whose key sent it; null when sent with a token")
                String deviceId,
        @Schema(
                        types = {"number", "null"},
                        format = "double",
                        description = "0 to 100")
                Double batteryPct,
        @Schema(
                        types = {"number", "null"},
                        format = "double",
                        description = "metres per second")
                Double speedMps,
        @Schema(
                        types = {"number", "null"},
                        format = "double",
                        description = "0 to 360, clockwise from true north")
                Double headingDeg,
        @Schema(
                        types = {"number", "null"},
                        format = "double",
                        description = "metres above sea level")
                Double altitudeM) {

    static LocationResponse of(Location location) {
        return new LocationResponse(
                location.id(),
                location.userId(),
                Coordinate.toDegrees(location.latE6()),
                Coordinate.toDegrees(location.lngE6()),
                location.accuracyM(),
                location.recordedAt(),
                location.createdAt(),
                location.deviceId(),
                location.batteryPct(),
                location.speedMps(),
                location.headingDeg(),
                location.altitudeM());
    }

    static List<LocationResponse> of(List<Location> locations) {
        return locations.stream().map(LocationResponse::of).toList();
    }

    /**
     * The answer to {@code POST /api/v1/locations} as described: the ping's fields, or {@code
     * pings} for a batch. One object rather than a oneOf of the two: without a discriminator, a
     * generated client cannot tell two objects apart (its models ignore unknown fields, so each
     * alternative matches either answer).
     */
    @Schema(
            name = "RecordedPings",
            minProperties = 1,
            description =
                    "The recorded ping (its fields), or for a batch only 'pings' with each recorded ping")
    record Recorded(
            String id,
            String userId,
            BigDecimal lat,
            BigDecimal lng,
            @Schema(
                            types = {"number", "null"},
                            format = "double")
                    Double accuracyM,
            @Schema(format = "date-time") Instant recordedAt,
            @Schema(format = "date-time") Instant createdAt,
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
            List<LocationResponse> pings) {}

    /** The answer to a batch, shaped like the request: {@code {"pings": [...]}}. */
    record Pings(List<LocationResponse> pings) {}

    /**
     * What a batch's idempotent answer keeps for 24 hours: its pings' ids (about 40 bytes each),
     * from which a replay reads the pings back, instead of every ping (about 215 bytes each). An
     * answer stored by an earlier version holds {@code pings} instead, and is replayed as it is.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Receipt(List<String> ids, List<LocationResponse> pings) {

        static Receipt of(List<Location> locations) {
            return new Receipt(locations.stream().map(Location::id).toList(), null);
        }
    }

    /**
     * The answer to {@code latest}: one item per user who has pinged, shaped like a list page
     * without a cursor.
     */
    record Latest(List<LatestPosition> items) {}
}
