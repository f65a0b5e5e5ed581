package io.waymark.location;

import java.math.BigDecimal;
import java.util.List;

/** Request bodies of the location endpoints. Checked by {@link PingValidator}, which reports every bad ping at once. */
final class LocationRequests {

    private LocationRequests() {
    }

    /**
     * One ping. Coordinates bind as {@link BigDecimal}, never {@code double}: a double cannot hold 51.123456
     * exactly, and the digits the device sent are the digits it must get back. {@code recorded_at} binds as text
     * so that a bad time in ping 7 is reported together with the errors of every other ping.
     */
    record Ping(BigDecimal lat, BigDecimal lng, Double accuracyM, String recordedAt) {
    }

    /** {@code POST /api/v1/locations}: either one ping's fields, or {@code pings} holding a batch. */
    record Submission(BigDecimal lat, BigDecimal lng, Double accuracyM, String recordedAt, List<Ping> pings) {

        boolean isBatch() {
            return pings != null;
        }

        boolean hasSinglePingFields() {
            return lat != null || lng != null || accuracyM != null || recordedAt != null;
        }

        Ping single() {
            return new Ping(lat, lng, accuracyM, recordedAt);
        }
    }
}
