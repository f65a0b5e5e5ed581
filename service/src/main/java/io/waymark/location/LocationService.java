package io.waymark.location;

import io.waymark.config.WriteLimits;
import io.waymark.device.DeviceService;
import io.waymark.shared.Caller;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.PingsRecorded;
import io.waymark.shared.Rfc3339;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.user.User;
import io.waymark.user.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Recording pings and the self-or-admin rules for reading them. */
@Service
@EnableConfigurationProperties(TeamSettings.class)
public class LocationService {

    /**
     * Each user costs one index seek; the cap keeps one request from becoming thousands of them.
     */
    static final int MAX_LATEST_USERS = 100;

    private final LocationStore store;
    private final PingValidator validator;
    private final UserService users;
    private final WriteLimits limits;
    private final DeviceService devices;
    private final TeamSettings team;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    LocationService(
            LocationStore store,
            PingValidator validator,
            UserService users,
            WriteLimits limits,
            DeviceService devices,
            TeamSettings team,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.validator = validator;
        this.users = users;
        this.limits = limits;
        this.devices = devices;
        this.team = team;
        this.clock = clock;
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
        recorded(caller.id(), locations);
        return locations;
    }

    /** Tells the features that react to positions, from the earliest of these pings on. */
    private void recorded(String userId, List<Location> locations) {
        locations.stream()
                .map(Location::recordedAt)
                .min(Comparator.naturalOrder())
                .ifPresent(earliest -> events.publishEvent(new PingsRecorded(userId, earliest)));
    }

    /**
     * Stores a phone's fixes: each valid one not already stored for this device and instant. An
     * invalid fix is dropped, not refused, so that a phone never resends one bad point forever; the
     * answer says which and why, for the caller to count and log.
     */
    public Ingested recordFromDevice(String userId, String deviceId, List<DeviceFix> fixes) {
        List<Location> valid = new ArrayList<>(fixes.size());
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < fixes.size(); i++) {
            try {
                valid.add(validator.deviceLocation(fixes.get(i).ping(), userId, deviceId));
            } catch (InvalidRequestException e) {
                dropped.add(
                        "["
                                + i
                                + "] "
                                + e.errors().stream()
                                        .map(error -> error.field() + " " + error.message())
                                        .collect(Collectors.joining("; ")));
            }
        }
        if (valid.isEmpty()) {
            return new Ingested(0, dropped);
        }
        limits.pings().take(userId, valid.size());
        int stored = store.insertNew(valid);
        // A resent buffer may hold fixes older than the visits made since: replayed all the same.
        recorded(userId, valid);
        return new Ingested(stored, dropped);
    }

    /**
     * What became of a phone's fixes.
     *
     * @param stored how many were new; resends of stored fixes are neither stored nor dropped
     * @param dropped one line per invalid fix: its index and what was wrong
     */
    public record Ingested(int stored, List<String> dropped) {}

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
    public List<Location> latest(List<String> userIds, Caller caller) {
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
     * {@link #latest} with each device's name and whether the person is silent or low on battery.
     */
    List<LatestPosition> team(List<String> userIds, Caller caller) {
        List<Location> latest = latest(userIds, caller);
        Map<String, String> names =
                devices.names(
                        latest.stream().map(Location::deviceId).filter(Objects::nonNull).toList());
        Instant now = clock.instant();
        Duration silentAfter = team.silence();
        return latest.stream()
                .map(
                        location ->
                                LatestPosition.of(
                                        location,
                                        location.deviceId() == null
                                                ? null
                                                : names.get(location.deviceId()),
                                        now,
                                        silentAfter))
                .toList();
    }

    /**
     * A user's track, newest first. Any id but the caller's own is 403 for a non-admin, whether or
     * not that user exists (exactly as {@code GET /users/{id}} answers), so the status reveals
     * nothing about which ids exist; only an admin can learn that a user is unknown (404).
     */
    Page<Location> track(String userId, String from, String to, PageRequest page, Caller caller) {
        TrackWindow window = window(userId, from, to, caller);
        return store.track(userId, window.from(), window.to(), page);
    }

    /**
     * The track a download will write, checked by the same rules as {@link #track} before the first
     * byte is sent: once the answer has started, it can no longer become a problem.
     */
    TrackWindow window(String userId, String from, String to, Caller caller) {
        User user = users.get(userId, caller);
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw InvalidRequestException.field("to", "must be after 'from'");
        }
        return new TrackWindow(user.id(), user.userName(), start, end);
    }

    /** Every ping of the window, oldest first, handed over as the store reads them. */
    void eachOldestFirst(TrackWindow window, Consumer<Location> each) {
        store.eachOldestFirst(window.userId(), window.from(), window.to(), each);
    }

    private static Instant instant(String parameter, String value) {
        return value == null || value.isBlank() ? null : Rfc3339.parse(parameter, value);
    }
}
