package io.waymark.ingest;

import io.waymark.location.DeviceFix;
import tools.jackson.databind.JsonNode;

/**
 * OwnTracks in HTTP mode: one JSON message per request, told apart by {@code _type}
 * (https://owntracks.org/booklet/tech/json/, https://owntracks.org/booklet/tech/http/). Only a
 * {@code location} carries a fix: {@code lat}, {@code lon}, {@code tst} (epoch seconds) required;
 * {@code acc} and {@code alt} metres, {@code vel} km/h, {@code cog} degrees, {@code batt} percent.
 */
final class OwnTracks {

    private OwnTracks() {}

    /** The fixes of one message: one for a {@code location}, none for every other type. */
    static Fixes read(JsonNode message) {
        Fixes fixes = Fixes.none();
        if (!"location".equals(Fixes.text(message.get("_type")))) {
            return fixes;
        }
        return fixes.add(0, () -> fix(message));
    }

    private static DeviceFix fix(JsonNode m) {
        Double tst = Fixes.number(m.get("tst"));
        if (tst == null) {
            throw new Units.Unreadable("tst is required");
        }
        return new DeviceFix(
                Units.required(Fixes.degrees(m.get("lat")), "lat"),
                Units.required(Fixes.degrees(m.get("lon")), "lon"),
                Units.known(Fixes.number(m.get("acc"))),
                Units.epoch(tst),
                Units.known(Fixes.number(m.get("batt"))),
                Units.times(Units.known(Fixes.number(m.get("vel"))), Units.KMH),
                Units.known(Fixes.number(m.get("cog"))),
                Fixes.number(m.get("alt")));
    }
}
