package io.waymark.location;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.waymark.shared.Coordinate;
import java.math.BigDecimal;
import java.util.List;

/**
 * Request bodies of the location endpoints. Checked by {@link PingValidator}, which reports every
 * bad ping at once; the limits the API description shows are its constants and {@link
 * Coordinate}'s, so the two cannot drift.
 */
final class LocationRequests {

    private LocationRequests() {}

    /**
     * One ping. Coordinates bind as {@link BigDecimal}, never {@code double}: a double cannot hold
     * 51.123456 exactly, and the digits the device sent are the digits it must get back. {@code
     * recorded_at} binds as text so that a bad time in ping 7 is reported together with the errors
     * of every other ping.
     */
    @Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Ping(
            @Schema(
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            minimum = "-" + Coordinate.MAX_LAT,
                            maximum = "" + Coordinate.MAX_LAT)
                    BigDecimal lat,
            @Schema(
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            minimum = "-" + Coordinate.MAX_LNG,
                            maximum = "" + Coordinate.MAX_LNG)
                    BigDecimal lng,
            @Schema(minimum = "0") Double accuracyM,
            @Schema(format = "date-time", description = "default: now") String recordedAt,
            @Schema(minimum = "0", maximum = "100", description = "battery charge, percent")
                    Double batteryPct,
            @Schema(minimum = "0", description = "ground speed, metres per second") Double speedMps,
            @Schema(
                            minimum = "0",
                            maximum = "360",
                            description = "direction of travel, degrees clockwise from true north")
                    Double headingDeg,
            @Schema(description = "metres above sea level") Double altitudeM) {

        /** Position, accuracy and time only. */
        Ping(BigDecimal lat, BigDecimal lng, Double accuracyM, String recordedAt) {
            this(lat, lng, accuracyM, recordedAt, null, null, null, null);
        }
    }

    /**
     * A batch, as the API description shows it: with {@link Ping} the two shapes a {@link
     * Submission} takes, so a generated client sends one or the other, never both.
     */
    @Schema(name = "PingBatch", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Batch(
            @ArraySchema(
                            minItems = 1,
                            maxItems = PingValidator.MAX_BATCH,
                            schema = @Schema(implementation = Ping.class))
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                    List<Ping> pings) {}

    /**
     * The body of {@code POST /api/v1/locations} as described: a ping or a batch, bound as a {@link
     * Submission}.
     */
    @Schema(
            name = "PingSubmission",
            oneOf = {Ping.class, Batch.class})
    interface Shapes {}

    /**
     * {@code POST /api/v1/locations}: either one ping's fields, or {@code pings} holding a batch.
     */
    record Submission(
            BigDecimal lat,
            BigDecimal lng,
            Double accuracyM,
            String recordedAt,
            Double batteryPct,
            Double speedMps,
            Double headingDeg,
            Double altitudeM,
            List<Ping> pings) {

        boolean isBatch() {
            return pings != null;
        }

        boolean hasSinglePingFields() {
            return lat != null
                    || lng != null
                    || accuracyM != null
                    || recordedAt != null
                    || batteryPct != null
                    || speedMps != null
                    || headingDeg != null
                    || altitudeM != null;
        }

        Ping single() {
            return new Ping(
                    lat, lng, accuracyM, recordedAt, batteryPct, speedMps, headingDeg, altitudeM);
        }
    }
}
