package io.waymark.location;

import io.waymark.config.WriteLimits;
import io.waymark.shared.Caller;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.PingsRecorded;
import io.waymark.shared.Rfc3339;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.user.UserService;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Recording pings and the self-or-admin rules for reading them. */
@Service
class LocationService {

    /**
     * Each user costs one index seek; the cap keeps one request from becoming thousands of them.
     */
    static final int MAX_LATEST_USERS = 100;

    private final LocationStore store;
    private final PingValidator validator;
    private final UserService users;
    private final WriteLimits limits;
    private final ApplicationEventPublisher events;

    LocationService(
            LocationStore store,
            PingValidator validator,
            UserService users,
            WriteLimits limits,
            ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.validator = validator;
        this.users = users;
        this.limits = limits;
    }

    /**
     * Stores the caller's pings, all or none; a device only ever reports its own position. Every
     * ping, whichever endpoint or phone protocol brought it, is stored here, and {@link
     * PingsRecorded} tells the features that react to positions.
     */
    List<Location> record(LocationRequests.Submission submission, Caller caller) {
        List<Location> locations = validator.locations(submission, caller.id());
        // After validation: a batch refused as invalid takes nothing of the allowance.
        limits.pings().take(caller.id(), locations.size());
        store.insertAll(locations);
        locations.stream()
                .map(Location::recordedAt)
                .min(Comparator.naturalOrder())
                .ifPresent(
                        earliest -> events.publishEvent(new PingsRecorded(caller.id(), earliest)));
        return locations;
    }

    /**
     * The caller's pings of these ids in the order given: what a replayed batch answer is rebuilt
     * from.
     */
    List<Location> recorded(List<String> ids, Caller caller) {
        Map<String, Location> byId = new HashMap<>();
        store.byIds(caller.id(), ids).forEach(location -> byId.put(location.id(), location));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /**
     * The latest ping of each asked-for user who has one, in the order asked; no ids means the
     * caller.
     */
    List<Location> latest(List<String> userIds, Caller caller) {
        List<String> wanted =
                userIds == null || userIds.isEmpty()
                        ? List.of(caller.id())
                        : List.copyOf(new LinkedHashSet<>(userIds));
        if (wanted.size() > MAX_LATEST_USERS) {
            throw InvalidRequestException.field(
                    "user_id", "may name at most " + MAX_LATEST_USERS + " users");
        }
        wanted.forEach(caller::requireSelfOrAdmin);
        return store.latest(wanted).stream()
                .sorted(Comparator.comparingInt(location -> wanted.indexOf(location.userId())))
                .toList();
    }

    /**
     * A user's track, newest first. Any id but the caller's own is 403 for a non-admin, whether or
     * not that user exists (exactly as {@code GET /users/{id}} answers), so the status reveals
     * nothing about which ids exist; only an admin can learn that a user is unknown (404).
     */
    Page<Location> track(String userId, String from, String to, PageRequest page, Caller caller) {
        users.get(userId, caller);
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw InvalidRequestException.field("to", "must be after 'from'");
        }
        return store.track(userId, start, end, page);
    }

    private static Instant instant(String parameter, String value) {
        return value == null || value.isBlank() ? null : Rfc3339.parse(parameter, value);
    }
}
