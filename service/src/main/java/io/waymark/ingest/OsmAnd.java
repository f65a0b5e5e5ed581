package io.waymark.ingest;

import io.waymark.location.DeviceFix;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The OsmAnd protocol as Traccar's {@code OsmAndProtocolDecoder} reads it
 * (https://github.com/traccar/traccar/blob/master/src/main/java/org/traccar/protocol/OsmAndProtocolDecoder.java):
 * query or form parameters {@code id} (here the device key), {@code lat} and {@code lon} or {@code
 * location=lat,lon}, {@code timestamp} (epoch seconds or milliseconds, ISO 8601, or {@code
 * yyyy-MM-dd HH:mm:ss}), {@code accuracy} and {@code altitude} metres, {@code speed} knots, {@code
 * bearing} or {@code heading} degrees, {@code batt} percent. Sent by Traccar Client (up to version
 * 8), OsmAnd's live tracking and GPSLogger's custom URL. GPSLogger's {@code %SPD} is m/s, so
 * Waymark also reads {@code speed_mps}, which docs/phone-apps.md puts in its URL.
 *
 * <p>Traccar Client 9 posts JSON to the same URL instead: {@code {"device_id", "location":
 * {"timestamp", "coords": {latitude, longitude, accuracy, speed m/s, heading, altitude}, "battery":
 * {"level" 0–1, "is_charging"}, ...}}}, or several locations as an array.
 */
final class OsmAnd {

    private OsmAnd() {}

    /** The device key of a parameter request. */
    static String key(Map<String, List<String>> parameters) {
        String id = first(parameters, "id");
        return id != null ? id : first(parameters, "deviceid");
    }

    static Fixes read(Map<String, List<String>> p) {
        return Fixes.none().add(0, () -> fix(p));
    }

    private static DeviceFix fix(Map<String, List<String>> p) {
        BigDecimal lat = Units.degrees(first(p, "lat"));
        BigDecimal lon = Units.degrees(first(p, "lon"));
        String location = first(p, "location");
        if (location != null) {
            String[] parts = location.split(",");
            if (parts.length != 2) {
                throw new Units.Unreadable("location must be lat,lon: " + location);
            }
            lat = Units.degrees(parts[0]);
            lon = Units.degrees(parts[1]);
        }
        noFix(Units.required(lat, "lat"), Units.required(lon, "lon"));
        Double speed = Units.times(Units.known(Units.number(first(p, "speed"))), Units.KNOT);
        Double speedMps = Units.known(Units.number(first(p, "speed_mps")));
        String bearing = first(p, "bearing");
        return new DeviceFix(
                lat,
                lon,
                Units.known(Units.number(first(p, "accuracy"))),
                Units.instant(first(p, "timestamp")),
                Units.known(Units.number(first(p, "batt"))),
                speedMps != null ? speedMps : speed,
                Units.known(Units.number(bearing != null ? bearing : first(p, "heading"))),
                Units.number(first(p, "altitude")));
    }

    /** The device key of a Traccar Client 9 JSON body. */
    static String key(JsonNode body) {
        return Fixes.text(body.get("device_id"));
    }

    static Fixes read(JsonNode body) {
        Fixes fixes = Fixes.none();
        JsonNode location = body.path("location");
        if (location.isArray()) {
            for (int i = 0; i < location.size(); i++) {
                JsonNode one = location.get(i);
                fixes.add(i, () -> fix(one));
            }
        } else {
            fixes.add(0, () -> fix(location));
        }
        return fixes;
    }

    private static DeviceFix fix(JsonNode location) {
        JsonNode coords = location.path("coords");
        BigDecimal lat = Units.required(Fixes.degrees(coords.get("latitude")), "latitude");
        BigDecimal lon = Units.required(Fixes.degrees(coords.get("longitude")), "longitude");
        noFix(lat, lon);
        String timestamp = Fixes.text(location.get("timestamp"));
        return new DeviceFix(
                lat,
                lon,
                Units.known(Fixes.number(coords.get("accuracy"))),
                Units.instant(timestamp),
                Units.times(Units.known(Fixes.number(location.path("battery").get("level"))), 100),
                Units.known(Fixes.number(coords.get("speed"))),
                Units.known(Fixes.number(coords.get("heading"))),
                Fixes.number(coords.get("altitude")));
    }

    /** 0,0 is how these apps say "no fix yet" (Traccar then keeps the last position instead). */
    private static void noFix(BigDecimal lat, BigDecimal lon) {
        if (lat.signum() == 0 && lon.signum() == 0) {
            throw new Units.Unreadable("0,0 means no fix");
        }
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
