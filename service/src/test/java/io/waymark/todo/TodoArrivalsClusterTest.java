package io.waymark.todo;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.Race;
import io.waymark.testing.ServiceCluster;
import io.waymark.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two instances on one database receive one user's pings of the same stays at once, each its own
 * share: every stay is one visit from its first ping to the departure, on every store that two
 * instances share (SQLite is one instance's file).
 */
class TodoArrivalsClusterTest {

    private static final int ROUNDS = 4;

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = TestStore.class,
            names = {"POSTGRESQL", "MONGODB"})
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void twoInstancesReceivingOneUsersPingsAtOnceRecordEachArrivalOnce(TestStore store) {
        try (ServiceCluster cluster =
                ServiceCluster.start(2, store.newDatabaseEnvironment(), Duration.ofSeconds(120))) {
            Api first = cluster.api(0);
            String name = Accounts.uniqueName("cluster");
            first.post(
                    "/api/v1/users",
                    null,
                    Map.of("user_name", name, "password", Accounts.PASSWORD));
            String token = new Accounts.SignIn(first).as(name, Accounts.PASSWORD);
            Api.Response created =
                    first.post(
                            "/api/v1/todos",
                            token,
                            Map.of("title", "pump", "place", Map.of("lat", 51.5, "lng", 0)));
            String id = created.json().get("id").asString();
            Instant t0 = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);

            for (int round = 0; round < ROUNDS; round++) {
                Instant arrival = t0.plusSeconds(round * 40L);
                Race.run(
                        2,
                        i ->
                                cluster.api(i)
                                        .post(
                                                "/api/v1/locations",
                                                token,
                                                Map.of(
                                                        "lat",
                                                        51.5,
                                                        "lng",
                                                        0,
                                                        "recorded_at",
                                                        arrival.plusSeconds(i).toString()))
                                        .status());
                cluster.api(round % 2)
                        .post(
                                "/api/v1/locations",
                                token,
                                Map.of(
                                        "lat",
                                        51.51,
                                        "lng",
                                        0,
                                        "recorded_at",
                                        arrival.plusSeconds(20).toString()));
            }

            List<String> visits = new ArrayList<>();
            cluster.api(1)
                    .get("/api/v1/todos/" + id + "/visits", token)
                    .json()
                    .get("items")
                    .forEach(
                            visit ->
                                    visits.add(
                                            visit.get("arrived_at").asString()
                                                    + " "
                                                    + visit.get("duration_s").asLong()));
            List<String> expected = new ArrayList<>();
            for (int round = ROUNDS - 1; round >= 0; round--) {
                expected.add(t0.plusSeconds(round * 40L) + " 20");
            }
            assertThat(visits).isEqualTo(expected);
        }
    }
}
