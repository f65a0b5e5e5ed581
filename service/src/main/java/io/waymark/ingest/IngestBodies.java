package io.waymark.ingest;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The request bodies of the ingest endpoints as {@code /openapi.json} describes them: each app's
 * documented fields, for client generators and readers. The endpoints themselves read the bodies
 * leniently ({@link OwnTracks}, {@link OsmAnd}, {@link Overland}), as the apps write them: unknown
 * fields are ignored, since an app update that adds one must not stop a phone.
 */
final class IngestBodies {

    private IngestBodies() {}

    @Schema(
            name = "OwnTracksMessage",
            description =
                    "https://owntracks.org/booklet/tech/json/ — only _type location is stored; other "
                            + "types (transition, waypoint, waypoints, lwt, card, status, steps, encrypted, ...) are "
                            + "accepted")
    record OwnTracksMessage(
            @Schema(name = "_type", requiredMode = Schema.RequiredMode.REQUIRED) String type,
            @Schema(description = "degrees") Double lat,
            @Schema(description = "degrees") Double lon,
            @Schema(description = "epoch seconds of the fix") Long tst,
            @Schema(description = "metres") Double acc,
            @Schema(description = "metres") Double alt,
            @Schema(description = "percent") Double batt,
            @Schema(description = "km/h") Double vel,
            @Schema(description = "degrees") Double cog,
            String tid,
            String t,
            String conn,
            String topic,
            @Schema(description = "epoch seconds the message was made") Long createdAt) {}

    @Schema(
            name = "OsmAndForm",
            description =
                    "Traccar's OsmAnd protocol as a form (the same names as the GET query parameters)")
    record OsmAndForm(
            @Schema(description = "the device key") String id,
            String lat,
            String lon,
            @Schema(description = "lat,lon") String location,
            @Schema(description = "epoch seconds or milliseconds, or ISO 8601") String timestamp,
            @Schema(description = "metres") String accuracy,
            @Schema(description = "metres") String altitude,
            @Schema(description = "knots") String speed,
            @Schema(description = "m/s (GPSLogger's %SPD)") String speedMps,
            @Schema(description = "degrees") String bearing,
            @Schema(description = "degrees") String heading,
            @Schema(description = "percent") String batt) {}

    @Schema(name = "TraccarClientPosition", description = "Traccar Client 9's JSON body")
    record TraccarClientPosition(
            @Schema(description = "the device key", requiredMode = Schema.RequiredMode.REQUIRED)
                    String deviceId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) TraccarLocation location) {}

    @Schema(name = "TraccarClientLocation")
    record TraccarLocation(
            @Schema(format = "date-time") String timestamp,
            TraccarCoords coords,
            TraccarBattery battery,
            Boolean isMoving,
            Double odometer,
            String event,
            TraccarActivity activity) {}

    @Schema(name = "TraccarClientCoords")
    record TraccarCoords(
            Double latitude,
            Double longitude,
            @Schema(description = "metres") Double accuracy,
            @Schema(description = "m/s") Double speed,
            @Schema(description = "degrees") Double heading,
            @Schema(description = "metres") Double altitude) {}

    @Schema(name = "TraccarClientBattery")
    record TraccarBattery(@Schema(description = "0 to 1") Double level, Boolean isCharging) {}

    @Schema(name = "TraccarClientActivity")
    record TraccarActivity(String type) {}

    @Schema(name = "OverlandBatch", description = "https://github.com/aaronpk/Overland-iOS#api")
    record OverlandBatch(
            @ArraySchema(
                            maxItems = Overland.MAX_BATCH,
                            schema = @Schema(implementation = OverlandFeature.class))
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                    List<OverlandFeature> locations) {}

    @Schema(name = "OverlandFeature", description = "A GeoJSON Feature with a Point")
    record OverlandFeature(String type, OverlandPoint geometry, OverlandProperties properties) {}

    @Schema(name = "OverlandPoint")
    record OverlandPoint(
            String type,
            @ArraySchema(
                            minItems = 2,
                            schema = @Schema(type = "number"),
                            arraySchema = @Schema(description = "[lon, lat]"))
                    List<Double> coordinates) {}

    @Schema(name = "OverlandProperties")
    record OverlandProperties(
            @Schema(description = "ISO 8601") String timestamp,
            @Schema(description = "metres") Double altitude,
            @Schema(description = "m/s") Double speed,
            @Schema(description = "metres") Double horizontalAccuracy,
            @Schema(description = "metres") Double verticalAccuracy,
            @Schema(description = "0 to 1") Double batteryLevel,
            String batteryState,
            List<String> motion,
            String wifi,
            String deviceId) {}
}
