package io.waymark.location;

import io.waymark.shared.Coordinate;
import io.waymark.shared.IdGenerator;
import io.waymark.shared.Role;
import io.waymark.testing.Accounts;
import io.waymark.testing.RunningService;
import io.waymark.user.User;
import io.waymark.user.UserStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The fixture for locations: users to own them (straight into the store) and pings with chosen
 * values.
 */
final class Pings {

    /**
     * A fixed past instant: tests choose recorded_at relative to it, so orderings are known in
     * advance.
     */
    static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

    private final RunningService service;

    Pings(RunningService service) {
        this.service = service;
    }

    LocationStore store() {
        return service.bean(LocationStore.class);
    }

    /** A new user id that pings can belong to (SQL stores check the foreign key). */
    String newUser() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        User user =
                new User(
                        newId(),
                        Accounts.uniqueName("pinger"),
                        "{bcrypt}unused",
                        Role.USER,
                        now,
                        now,
                        1,
                        0);
        service.bean(UserStore.class).insert(user);
        return user.id();
    }

    String newId() {
        return service.bean(IdGenerator.class).newId();
    }

    Location at(String userId, Instant recordedAt) {
        return new Location(
                newId(), userId, 51_123_456, -123_456, 5.0, recordedAt, recordedAt.plusSeconds(1));
    }

    Location at(String userId, String lat, String lng, Double accuracyM, Instant recordedAt) {
        return new Location(
                newId(),
                userId,
                Coordinate.microDegrees(new BigDecimal(lat)),
                Coordinate.microDegrees(new BigDecimal(lng)),
                accuracyM,
                recordedAt,
                recordedAt);
    }
}
