package io.waymark.location;

import io.waymark.shared.Coordinate;
import io.waymark.shared.LatestPositions;
import io.waymark.shared.PingHistory;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Positions for other features: the latest (one index seek) and a replay since a time (the track
 * index, read forward from there).
 */
@Component
class PingPositions implements LatestPositions, PingHistory {

    private final LocationStore store;

    PingPositions(LocationStore store) {
        this.store = store;
    }

    @Override
    public Optional<Coordinate> latest(String userId) {
        return store.latest(List.of(userId)).stream()
                .findFirst()
                .map(location -> new Coordinate(location.latE6(), location.lngE6()));
    }

    @Override
    public List<Fix> since(String userId, Instant from) {
        List<Fix> fixes = new ArrayList<>();
        String cursor = null;
        do {
            Page<Location> page =
                    store.track(userId, from, null, PageRequest.of(PageRequest.MAX_LIMIT, cursor));
            page.items()
                    .forEach(
                            location ->
                                    fixes.add(
                                            new Fix(
                                                    location.id(),
                                                    new Coordinate(
                                                            location.latE6(), location.lngE6()),
                                                    location.accuracyM(),
                                                    location.recordedAt())));
            cursor = page.nextCursor();
        } while (cursor != null);
        // The track is newest first; a replay goes forward.
        fixes.sort(Comparator.comparing(Fix::recordedAt).thenComparing(Fix::id));
        return fixes;
    }
}
