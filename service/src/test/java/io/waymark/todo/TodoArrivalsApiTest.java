package io.waymark.todo;

import static io.waymark.todo.TodoFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api.Response;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.Race;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Arrivals and departures made from pings, over HTTP on every store. The place is a 100 m circle at
 * 51.5° N, 0°; a thousandth of a degree of latitude north of it is 111.2 m away, and the owner has
 * left beyond 125 m (radius plus max(25 m, 20 %)).
 */
class TodoArrivalsApiTest extends OnEveryStore {

    private static final String COLLECTION = "/api/v1/todos";
    private static final Instant T0 =
            Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final int RACERS = 6;

    private Account alice;

    @BeforeEach
    void signIn() {
        alice = accounts().user();
    }

    private JsonNode todo(Object... more) {
        Map<String, Object> place = Map.of("lat", 51.5, "lng", 0, "radius_m", 100);
        Object[] fields = new Object[more.length + 2];
        fields[0] = "place";
        fields[1] = place;
        System.arraycopy(more, 0, fields, 2, more.length);
        Response created = api().post(COLLECTION, alice.token(), body("pump", fields));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** A ping this many metres north of the place's centre, at T0 plus this many seconds. */
    private static Map<String, Object> ping(double metresNorth, Double accuracyM, int second) {
        Map<String, Object> ping = new HashMap<>();
        ping.put("lat", Math.round((51.5 + metresNorth / 111_195.0) * 1e6) / 1e6);
        ping.put("lng", 0);
        ping.put("recorded_at", T0.plusSeconds(second).toString());
        if (accuracyM != null) {
            ping.put("accuracy_m", accuracyM);
        }
        return ping;
    }

    private void send(List<Map<String, Object>> pings) {
        Response response = api().post("/api/v1/locations", alice.token(), Map.of("pings", pings));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private List<String> visits(JsonNode todo, Account reader) {
        Response response =
                api().get(COLLECTION + "/" + todo.get("id").asString() + "/visits", reader.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> visits = new ArrayList<>();
        response.json()
                .get("items")
                .forEach(
                        visit ->
                                visits.add(
                                        seconds(visit.get("arrived_at"))
                                                + "-"
                                                + seconds(visit.get("left_at"))
                                                + "/"
                                                + (visit.get("duration_s").isNull()
                                                        ? "open"
                                                        : visit.get("duration_s").asLong())));
        return visits;
    }

    private static String seconds(JsonNode time) {
        return time.isNull()
                ? "…"
                : "" + (Instant.parse(time.asString()).getEpochSecond() - T0.getEpochSecond());
    }

    private JsonNode read(JsonNode todo) {
        return api().get(COLLECTION + "/" + todo.get("id").asString(), alice.token()).json();
    }

    private JsonNode patchPlace(JsonNode todo, Object place) {
        Map<String, Object> patch = new HashMap<>();
        patch.put("place", place);
        Response response =
                api().patch(COLLECTION + "/" + todo.get("id").asString(), alice.token(), patch);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void movingThePlaceRecomputesItsVisitsFromThePingsAndRemovingItEndsThem() {
        JsonNode todo = todo("start_on_arrival", true);
        // 1 km north: nowhere near the place, then back to it, then away.
        send(List.of(ping(1000, null, 0), ping(1010, null, 10), ping(0, null, 20)));
        send(List.of(ping(1000, null, 30)));
        assertThat(visits(todo, alice)).containsExactly("20-30/10");

        JsonNode moved =
                patchPlace(todo, Map.of("lat", 51.509, "lng", 0, "radius_m", 100)); // 1 km north
        assertThat(visits(todo, alice))
                .as("the pings at 1 km north, from the first")
                .containsExactly("30-…/open", "0-20/20");
        assertThat(moved.get("last_arrived_at").asString())
                .as("the answer is the to-do as it stands")
                .isEqualTo(T0.plusSeconds(30).toString());
        assertThat(moved.get("version").asLong()).isEqualTo(read(todo).get("version").asLong());

        patchPlace(todo, Map.of("lat", 51.509, "lng", 0, "radius_m", 100, "label", "well"));
        assertThat(visits(todo, alice))
                .as("a new label is the same place")
                .containsExactly("30-…/open", "0-20/20");

        JsonNode bare = patchPlace(todo, null);
        assertThat(visits(todo, alice)).isEmpty();
        assertThat(bare.get("last_arrived_at").isNull()).isTrue();
    }

    @Test
    void arrivalAndDepartureFollowThePingsWithHysteresisAndStartTheTodo() {
        JsonNode todo = todo("start_on_arrival", true);

        send(List.of(ping(1000, null, 0), ping(55, null, 10), ping(117, null, 20)));
        assertThat(visits(todo, alice))
                .as("117 m is in the hysteresis band")
                .containsExactly("10-…/open");
        JsonNode arrived = read(todo);
        assertThat(arrived.get("status").asString()).isEqualTo("in_progress");
        assertThat(arrived.get("last_arrived_at").asString())
                .isEqualTo(T0.plusSeconds(10).toString());

        send(List.of(ping(222, null, 30), ping(150, 60.0, 40)));
        assertThat(visits(todo, alice))
                .as("left at 222 m; back at 150 m with 60 m accuracy")
                .containsExactly("40-…/open", "10-30/20");
    }

    @Test
    void aPhoneAppsPositionRecordsTheArrivalToo() {
        JsonNode todo = todo("start_on_arrival", true);
        Response device = api().post("/api/v1/devices", alice.token(), Map.of("name", "phone"));
        assertThat(device.status()).as(device.toString()).isEqualTo(201);
        String key = device.json().get("key").asString();

        // The OsmAnd protocol as Traccar Client sends it: the device key as id, epoch seconds.
        Response sent =
                api().get(
                                "/api/v1/ingest/osmand?id="
                                        + key
                                        + "&lat=51.5&lon=0&timestamp="
                                        + T0.plusSeconds(5).getEpochSecond(),
                                null);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);

        assertThat(visits(todo, alice)).containsExactly("5-…/open");
        assertThat(read(todo).get("status").asString()).isEqualTo("in_progress");
    }

    @Test
    void aLateBufferIsAppliedInRecordedOrder() {
        JsonNode todo = todo();

        send(List.of(ping(0, null, 50)));
        assertThat(visits(todo, alice)).containsExactly("50-…/open");
        // The phone's offline buffer, recorded before what was already sent.
        send(List.of(ping(10, null, 20), ping(500, null, 30)));

        assertThat(visits(todo, alice)).containsExactly("50-…/open", "20-30/10");
        assertThat(read(todo).get("last_arrived_at").asString())
                .isEqualTo(T0.plusSeconds(50).toString());
        assertThat(read(todo).get("status").asString())
                .as("start_on_arrival off")
                .isEqualTo("pending");
    }

    @Test
    void concurrentPingsNeverRecordOneArrivalTwice() {
        JsonNode todo = todo();

        Race.run(
                RACERS,
                i -> {
                    send(List.of(ping(5, null, 10), ping(20 + i, null, 11 + i)));
                    return null;
                });

        assertThat(visits(todo, alice)).containsExactly("10-…/open");
    }

    @Test
    void concurrentBatchesOfOneStayMakeOneVisitFromItsFirstPing() {
        JsonNode todo = todo();

        for (int round = 0; round < 3; round++) {
            int base = round * 60; // pings at most 5 minutes ahead of the clock are believed
            Race.run(
                    RACERS,
                    i -> {
                        send(List.of(ping(5, null, base + 10 + i)));
                        return null;
                    });
            send(List.of(ping(900, null, base + 50)));
        }

        assertThat(visits(todo, alice)).containsExactly("130-170/40", "70-110/40", "10-50/40");
    }

    @Test
    void visitsGoWithTheirTodoAndWithTheirOwner() {
        JsonNode deleted = todo();
        JsonNode kept = todo();
        send(List.of(ping(0, null, 5)));
        VisitStore store = bean(VisitStore.class);
        assertThat(store.of(deleted.get("id").asString())).hasSize(1);

        assertThat(
                        api().delete(COLLECTION + "/" + deleted.get("id").asString(), alice.token())
                                .status())
                .isEqualTo(204);
        assertThat(store.of(deleted.get("id").asString())).isEmpty();
        assertThat(store.of(kept.get("id").asString())).hasSize(1);

        assertThat(api().delete("/api/v1/users/" + alice.id(), accounts().admin().token()).status())
                .isEqualTo(204);
        assertThat(store.of(kept.get("id").asString())).isEmpty();
    }

    @Test
    void completedTodosRecordNoArrivalAndVisitsAreTheOwnersOrAnAdmins() {
        JsonNode done = todo("status", "completed");
        JsonNode open = todo();

        send(List.of(ping(0, null, 5)));

        assertThat(visits(done, alice)).isEmpty();
        assertThat(visits(open, accounts().admin())).containsExactly("5-…/open");
        Response stranger =
                api().get(
                                COLLECTION + "/" + open.get("id").asString() + "/visits",
                                accounts().user().token());
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.contentType()).startsWith("application/problem+json");
    }
}
