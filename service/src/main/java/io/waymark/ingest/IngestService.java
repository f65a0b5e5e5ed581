package io.waymark.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.device.Device;
import io.waymark.device.DeviceService;
import io.waymark.location.Location;
import io.waymark.location.LocationService;
import io.waymark.shared.Caller;
import io.waymark.store.PageRequest;
import io.waymark.user.User;
import io.waymark.user.UserService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What every protocol does with a request: throttle the address, find the device by its key,
 * throttle the device, then store the fixes, dropping (and counting, and logging) those that are
 * invalid rather than refusing the request: a phone retries a refused request forever, so only a
 * bad key (401) and throttling (429) are errors to it.
 */
@Service
class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final DeviceService devices;
    private final LocationService locations;
    private final UserService users;
    private final IngestLimits limits;
    private final MeterRegistry meters;

    IngestService(
            DeviceService devices,
            LocationService locations,
            UserService users,
            IngestLimits limits,
            MeterRegistry meters) {
        this.devices = devices;
        this.locations = locations;
        this.users = users;
        this.limits = limits;
        this.meters = meters;
    }

    /** The device and the user it acts for, or 401; 429 past either limit. */
    Sender authenticate(String key, String client) {
        limits.address(client);
        Device device = devices.authenticate(key).orElseThrow(DeviceKeyRefusedException::new);
        Caller caller = users.callerOf(device.userId()).orElseThrow(DeviceKeyRefusedException::new);
        limits.device(device.id());
        return new Sender(device, caller);
    }

    /**
     * Stores what was read; {@code waymark_ingest_points_total{protocol, outcome}} counts stored,
     * resent and dropped points, and each dropped one is logged with why.
     */
    void record(Sender sender, String protocol, Fixes fixes) {
        LocationService.Ingested ingested =
                locations.recordFromDevice(
                        sender.caller().id(), sender.device().id(), fixes.read());
        List<String> dropped = new ArrayList<>(fixes.unreadable());
        dropped.addAll(ingested.dropped());
        count(protocol, "stored", ingested.stored());
        count(
                protocol,
                "resent",
                fixes.read().size() - ingested.dropped().size() - ingested.stored());
        count(protocol, "dropped", dropped.size());
        if (!dropped.isEmpty()) {
            log.warn(
                    "Dropped {} invalid {} point(s) from device {}: {}",
                    dropped.size(),
                    protocol,
                    sender.device().id(),
                    String.join(" | ", dropped));
        }
    }

    /**
     * The team as the sender may see it: their own latest position, or an admin's everyone's (the
     * first {@value #TEAM} users), each with their user name.
     */
    List<Member> team(Sender sender) {
        Caller caller = sender.caller();
        List<User> visible =
                caller.isAdmin()
                        ? users.list(PageRequest.of(TEAM, null)).items()
                        : List.of(users.get(caller.id(), caller));
        List<String> ids = visible.stream().map(User::id).toList();
        List<Location> latest = locations.latest(ids, caller);
        List<Member> team = new ArrayList<>();
        for (Location location : latest) {
            visible.stream()
                    .filter(user -> user.id().equals(location.userId()))
                    .findFirst()
                    .ifPresent(user -> team.add(new Member(user.userName(), location)));
        }
        return team;
    }

    /** The most people one OwnTracks answer shows: one latest-position read each. */
    static final int TEAM = 100;

    private void count(String protocol, String outcome, int amount) {
        if (amount > 0) {
            meters.counter(
                            "waymark.ingest.points",
                            "protocol",
                            protocol.toLowerCase(Locale.ROOT),
                            "outcome",
                            outcome)
                    .increment(amount);
        }
    }

    /** An authenticated device and the user it acts for. */
    record Sender(Device device, Caller caller) {}

    /** One person's latest position. */
    record Member(String userName, Location latest) {}
}
