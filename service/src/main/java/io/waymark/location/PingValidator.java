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
        if (errors.size() > before) {
            return null;
        }
        return new Location(ids.newId(), userId, at.latE6(), at.lngE6(), accuracy, recordedAt, now);
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
