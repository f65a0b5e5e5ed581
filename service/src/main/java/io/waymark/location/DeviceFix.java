package io.waymark.location;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One fix as a phone app reported it, already in Waymark's units (degrees, metres, m/s, percent):
 * what an ingest endpoint hands to {@link LocationService#recordFromDevice}, which checks it by the
 * rules of every ping.
 *
 * @param recordedAt {@code null} means now
 */
public record DeviceFix(
        BigDecimal lat,
        BigDecimal lng,
        Double accuracyM,
        Instant recordedAt,
        Double batteryPct,
        Double speedMps,
        Double headingDeg,
        Double altitudeM) {

    LocationRequests.Ping ping() {
        return new LocationRequests.Ping(
                lat,
                lng,
                accuracyM,
                recordedAt == null ? null : recordedAt.toString(),
                batteryPct,
                speedMps,
                headingDeg,
                altitudeM);
    }
}
