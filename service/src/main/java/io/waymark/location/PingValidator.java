package io.waymark.location;

import io.waymark.shared.ApiException.FieldError;
import io.waymark.shared.Coordinate;
import io.waymark.shared.IdGenerator;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.Rfc3339;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns submitted pings into locations, or refuses the whole submission naming every bad field of
 * every ping ({@code pings[3].lat}): a phone flushing its offline buffer must learn all that is
 * wrong in one round trip, and nothing is written unless everything is valid.
 */
@Component
class PingValidator {

    static final int MAX_BATCH = 1000;

    /**
     * Phone clocks drift; a fix a little ahead of ours is believable, one far ahead is a broken
     * clock.
     */
    static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    /**
     * How far back a phone's fix may be: any buffer, out of order, and any export a real phone
     * holds (the apps' documented examples are from 2015 and 2017), but not the ways phone clocks
     * break: reset to 1970, or thrown back 1,024 weeks (19.6 years) by a GPS week-number rollover.
     */
    static final Duration MAX_DEVICE_AGE = Duration.ofDays(15 * 365);

    private final Clock clock;
    private final IdGenerator ids;

    PingValidator(Clock clock, IdGenerator ids) {
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * The locations of a valid submission, in submission order, with new ids; all for {@code
     * userId}.
     */
    List<Location> locations(LocationRequests.Submission submission, String userId) {
        if (!submission.isBatch()) {
            return validate(List.of(submission.single()), userId, "");
        }
        if (submission.hasSinglePingFields()) {
            throw InvalidRequestException.field(
                    "pings", "cannot be combined with the fields of a single ping");
        }
        int size = submission.pings().size();
        if (size < 1 || size > MAX_BATCH) {
            throw InvalidRequestException.field(
                    "pings", "must hold 1 to " + MAX_BATCH + " pings, got " + size);
        }
        return validate(submission.pings(), userId, "pings");
    }

    private List<Location> validate(
            List<LocationRequests.Ping> pings, String userId, String listName) {
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        List<Location> locations = new ArrayList<>(pings.size());
        for (int i = 0; i < pings.size(); i++) {
            String prefix = listName.isEmpty() ? "" : listName + "[" + i + "]";
            Location location = location(pings.get(i), prefix, userId, now, errors);
            if (location != null) {
                locations.add(location);
            }
        }
        if (!errors.isEmpty()) {
            throw InvalidRequestException.of(errors);
        }
        return locations;
    }

    /** The location, or {@code null} after adding this ping's errors. */
    private Location location(
            LocationRequests.Ping ping,
            String prefix,
            String userId,
            Instant now,
            List<FieldError> errors) {
        if (ping == null) {
            errors.add(new FieldError(prefix, "must be a ping object, not null"));
            return null;
        }
        int before = errors.size();
        Coordinate at =
                Coordinate.of(
                        ping.lat(), ping.lng(), field(prefix, "lat"), field(prefix, "lng"), errors);
        Double accuracy = ping.accuracyM();
        if (accuracy != null && !(accuracy >= 0 && Double.isFinite(accuracy))) {
            errors.add(
                    new FieldError(
                            field(prefix, "accuracy_m"), "must be a number of metres, 0 or more"));
        }
        Instant recordedAt =
                recordedAt(ping.recordedAt(), now, field(prefix, "recorded_at"), errors);
        between(ping.batteryPct(), 0, 100, "a percentage", field(prefix, "battery_pct"), errors);
        between(
                ping.speedMps(),
                0,
                Double.MAX_VALUE,
                "metres per second, 0 or more",
                field(prefix, "speed_mps"),
                errors);
        between(ping.headingDeg(), 0, 360, "degrees", field(prefix, "heading_deg"), errors);
        between(
                ping.altitudeM(),
                -Double.MAX_VALUE,
                Double.MAX_VALUE,
                "a number of metres",
                field(prefix, "altitude_m"),
                errors);
        if (errors.size() > before) {
            return null;
        }
        return new Location(
                ids.newId(),
                userId,
                at.latE6(),
                at.lngE6(),
                accuracy,
                recordedAt,
                now,
                null,
                ping.batteryPct(),
                ping.speedMps(),
                ping.headingDeg(),
                ping.altitudeM());
    }

    /**
     * One fix a phone sent, as the location to store, or {@link InvalidRequestException} naming
     * what makes it one to drop: the rules of every ping, and an age of at most {@link
     * #MAX_DEVICE_AGE}.
     */
    Location deviceLocation(LocationRequests.Ping ping, String userId, String deviceId) {
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        Location location = location(ping, "", userId, now, errors);
        if (location != null && location.recordedAt().isBefore(now.minus(MAX_DEVICE_AGE))) {
            errors.add(
                    new FieldError(
                            "recorded_at",
                            "must be at most " + MAX_DEVICE_AGE.toDays() / 365 + " years old"));
        }
        if (!errors.isEmpty()) {
            throw InvalidRequestException.of(errors);
        }
        return location.fromDevice(deviceId);
    }

    private static void between(
            Double value,
            double least,
            double most,
            String what,
            String field,
            List<FieldError> errors) {
        if (value != null && !(value >= least && value <= most)) {
            String range =
                    most == Double.MAX_VALUE
                            ? ""
                            : " between " + (int) least + " and " + (int) most;
            errors.add(new FieldError(field, "must be " + what + range));
        }
    }

    private static Instant recordedAt(
            String text, Instant now, String field, List<FieldError> errors) {
        if (text == null) {
            return now;
        }
        // Millisecond precision, as stored, so the answer shows exactly what was stored.
        Instant recordedAt = Rfc3339.tryParse(text).orElse(null);
        if (recordedAt == null) {
            errors.add(new FieldError(field, Rfc3339.MESSAGE));
            return null;
        }
        if (recordedAt.isAfter(now.plus(MAX_FUTURE))) {
            errors.add(
                    new FieldError(
                            field,
                            "must not be more than "
                                    + MAX_FUTURE.toMinutes()
                                    + " minutes in the future"));
            return null;
        }
        return recordedAt;
    }

    private static String field(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
