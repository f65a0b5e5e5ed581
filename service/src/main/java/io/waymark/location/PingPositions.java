package io.waymark.location;

import io.waymark.shared.Coordinate;
import io.waymark.shared.LatestPositions;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Latest positions for other features, one index seek on the track index. */
@Component
class PingPositions implements LatestPositions {

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
}
