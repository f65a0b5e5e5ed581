package io.waymark.location;

import static io.waymark.location.Pings.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.shared.Coordinate;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link LocationStore} must do, run against SQLite, PostgreSQL and MongoDB. */
class LocationStoreContractTest extends OnEveryStore {

    private static final Comparator<Location> NEWEST_FIRST =
            Comparator.comparing(Location::recordedAt).thenComparing(Location::id).reversed();

    private Pings pings() {
        return new Pings(service());
    }

    private LocationStore locations() {
        return pings().store();
    }

    private List<Location> wholeTrack(String userId, Instant from, Instant to, int pageSize) {
        List<Page<Location>> pages =
                Pages.of(
                        cursor ->
                                locations()
                                        .track(userId, from, to, PageRequest.of(pageSize, cursor)));
        pages.forEach(page -> assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize));
        return Pages.items(pages);
    }

    @Test
    void aBatchIsStoredWholeAndReadBackUnchanged() {
        String user = pings().newUser();
        List<Location> batch =
                List.of(
                        pings().at(user, T0),
                        pings().at(user, "1.5", "2.5", null, T0.plusSeconds(1)),
                        pings().at(user, T0.plusSeconds(2)));

        locations().insertAll(batch);

        assertThat(wholeTrack(user, null, null, 50)).containsExactlyElementsOf(batch.reversed());
    }

    @Test
    void aBatchThatFailsPartWayLeavesNothingOfItBehind() {
        String user = pings().newUser();
        Location existing = pings().at(user, T0);
        locations().insertAll(List.of(existing));
        Location clash = new Location(existing.id(), user, 1, 1, null, T0.plusSeconds(3), T0);
        List<Location> batch =
                List.of(
                        pings().at(user, T0.plusSeconds(1)),
                        pings().at(user, T0.plusSeconds(2)),
                        clash,
                        pings().at(user, T0.plusSeconds(4)));

        assertThatThrownBy(() -> locations().insertAll(batch)).isInstanceOf(RuntimeException.class);

        assertThat(wholeTrack(user, null, null, 50))
                .as("only the row that was there before")
                .containsExactly(existing);
    }

    @Test
    void latestIsTheNewestPingOfEachUserAndUsersWithoutPingsAreAbsent() {
        String busy = pings().newUser();
        String quiet = pings().newUser();
        String silent = pings().newUser();
        Location newest = pings().at(busy, T0.plusSeconds(60));
        Location only = pings().at(quiet, T0.minusSeconds(3600));
        // Inserted out of order: "latest" means latest recorded, not latest stored.
        locations()
                .insertAll(
                        List.of(
                                pings().at(busy, T0),
                                newest,
                                pings().at(busy, T0.plusSeconds(30))));
        locations().insertAll(List.of(only));

        assertThat(locations().latest(List.of(busy, quiet, silent)))
                .containsExactlyInAnyOrder(newest, only);
        assertThat(locations().latest(List.of(silent))).isEmpty();
        assertThat(locations().latest(List.of())).isEmpty();
    }

    @Test
    void latestBreaksATieOnRecordedAtByTheGreaterId() {
        String user = pings().newUser();
        Location one = pings().at(user, T0);
        Location other = pings().at(user, T0);
        Location greaterId = one.id().compareTo(other.id()) > 0 ? one : other;

        locations().insertAll(List.of(one, other));

        assertThat(locations().latest(List.of(user))).containsExactly(greaterId);
    }

    @Test
    void trackIsNewestFirstAndPagesVisitEveryPingOnceEvenWithTies() {
        String user = pings().newUser();
        String other = pings().newUser();
        List<Location> mine = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            mine.add(pings().at(user, T0.plusSeconds(i / 2))); // pairs share a recorded_at
        }
        locations().insertAll(mine.reversed());
        locations().insertAll(List.of(pings().at(other, T0)));

        List<Location> seen = wholeTrack(user, null, null, 3);

        assertThat(seen).containsExactlyElementsOf(mine.stream().sorted(NEWEST_FIRST).toList());
    }

    @Test
    void trackBoundsIncludeFromAndExcludeTo() {
        String user = pings().newUser();
        List<Location> minutes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            minutes.add(pings().at(user, T0.plusSeconds(60L * i)));
        }
        locations().insertAll(minutes);

        assertThat(wholeTrack(user, T0.plusSeconds(60), T0.plusSeconds(180), 1))
                .containsExactly(minutes.get(2), minutes.get(1));
        assertThat(wholeTrack(user, T0.plusSeconds(180), null, 50))
                .containsExactly(minutes.get(4), minutes.get(3));
        assertThat(wholeTrack(user, null, T0.plusSeconds(60), 50)).containsExactly(minutes.get(0));
    }

    @Test
    void coordinatesRoundTripExactlyIncludingNegativeAndBoundaryValues() {
        String user = pings().newUser();
        String[][] points = {
            {"51.123456", "-0.000001"},
            {"90", "180"},
            {"-90", "-180"},
            {"89.999999", "179.999999"},
            {"-89.999999", "-179.999999"},
            {"0", "0"},
            {"-33.8688", "151.2093"}
        };
        List<Location> batch = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            batch.add(
                    pings().at(
                                    user,
                                    points[i][0],
                                    points[i][1],
                                    i % 2 == 0 ? null : 0.25 * i,
                                    T0.plusSeconds(i)));
        }
        locations().insertAll(batch);

        List<Location> stored = wholeTrack(user, null, null, 50).reversed();

        assertThat(stored).containsExactlyElementsOf(batch);
        for (int i = 0; i < points.length; i++) {
            assertThat(Coordinate.toDegrees(stored.get(i).latE6()).toPlainString())
                    .isEqualTo(points[i][0]);
            assertThat(Coordinate.toDegrees(stored.get(i).lngE6()).toPlainString())
                    .isEqualTo(points[i][1]);
        }
    }

    @Test
    void deleteByUserRemovesThatUsersPingsOnly() {
        String doomed = pings().newUser();
        String kept = pings().newUser();
        locations()
                .insertAll(List.of(pings().at(doomed, T0), pings().at(doomed, T0.plusSeconds(1))));
        Location survivor = pings().at(kept, T0);
        locations().insertAll(List.of(survivor));

        assertThat(locations().deleteByUser(doomed)).isEqualTo(2);

        assertThat(wholeTrack(doomed, null, null, 50)).isEmpty();
        assertThat(locations().latest(List.of(doomed, kept))).containsExactly(survivor);
    }
}
