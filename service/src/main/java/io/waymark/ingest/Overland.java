package io.waymark.ingest;

import io.waymark.location.DeviceFix;
import io.waymark.shared.InvalidRequestException;
import tools.jackson.databind.JsonNode;

/**
 * Overland's batches (https://github.com/aaronpk/Overland-iOS#api): {@code {"locations": [GeoJSON
 * Feature, ...]}} with a Point {@code [lon, lat]} and properties {@code timestamp} (ISO 8601, the
 * documented example with a {@code -0700} offset), {@code altitude} and {@code horizontal_accuracy}
 * metres, {@code speed} m/s, {@code battery_level} 0–1. Overland has no course.
 */
final class Overland {

    /** Overland's largest "points per batch" setting. */
    static final int MAX_BATCH = 1000;

    private Overland() {}

    static Fixes read(JsonNode body) {
        Fixes fixes = Fixes.none();
        JsonNode locations = body.path("locations");
        if (!locations.isArray()) {
            throw InvalidRequestException.field(
                    "locations", "must be an array of GeoJSON features");
        }
        if (locations.size() > MAX_BATCH) {
            throw InvalidRequestException.field(
                    "locations", "must hold at most " + MAX_BATCH + " features");
        }
        for (int i = 0; i < locations.size(); i++) {
            JsonNode feature = locations.get(i);
            fixes.add(i, () -> fix(feature));
        }
        return fixes;
    }

    private static DeviceFix fix(JsonNode feature) {
        JsonNode coordinates = feature.path("geometry").path("coordinates");
        if (!coordinates.isArray() || coordinates.size() < 2) {
            throw new Units.Unreadable("geometry.coordinates must be [lon, lat]");
        }
        JsonNode p = feature.path("properties");
        String timestamp = Fixes.text(p.get("timestamp"));
        if (timestamp == null) {
            throw new Units.Unreadable("properties.timestamp is required");
        }
        return new DeviceFix(
                Fixes.degrees(coordinates.get(1)),
                Fixes.degrees(coordinates.get(0)),
                Units.known(Fixes.number(p.get("horizontal_accuracy"))),
                Units.instant(timestamp),
                Units.times(Units.known(Fixes.number(p.get("battery_level"))), 100),
                Units.known(Fixes.number(p.get("speed"))),
                null,
                Fixes.number(p.get("altitude")));
    }
}
