package io.waymark.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.idempotency.IdempotencyStore;
import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.Pages;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The location endpoints over HTTP, on every store: recording, exact decimals, batches, ownership,
 * tracks.
 */
class LocationApiTest extends OnEveryStore {

    /**
     * Reads numbers as the exact decimal text the service wrote, so a drifted digit cannot hide in
     * a double.
     */
    private static final JsonMapper EXACT =
            JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static JsonNode exact(Api.Response response) {
        return EXACT.readTree(response.body());
    }

    private static String ping(String lat, String lng, String recordedAt) {
        return "{\"lat\":"
                + lat
                + ",\"lng\":"
                + lng
                + (recordedAt == null ? "" : ",\"recorded_at\":\"" + recordedAt + "\"")
                + "}";
    }

    private static String batch(List<String> pings) {
        return "{\"pings\":[" + String.join(",", pings) + "]}";
    }

    private static List<String> minutesAfter(Instant start, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> ping("10." + i, "20." + i, start.plusSeconds(60L * i).toString()))
                .toList();
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private List<String> trackIds(Account reader, String userId) {
        var response =
                api().get("/api/v1/users/" + userId + "/locations?limit=200", reader.token());
        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    @Test
    void aSinglePingIsStoredForTheCallerAndAnsweredWithItsId() {
        Account alice = accounts().user();

        var response =
                api().post(
                                "/api/v1/locations",
                                alice.token(),
                                "{\"lat\":51.123456,\"lng\":-0.127758,\"accuracy_m\":12.5,\"recorded_at\":\"2026-05-01T14:00:00.123+02:00\"}");

        assertThat(response.status()).isEqualTo(201);
        JsonNode stored = exact(response);
        assertThat(stored.get("id").asString()).isNotBlank();
        assertThat(stored.get("user_id").asString()).isEqualTo(alice.id());
        assertThat(stored.get("lat").decimalValue()).isEqualTo(new BigDecimal("51.123456"));
        assertThat(stored.get("lng").decimalValue()).isEqualTo(new BigDecimal("-0.127758"));
        assertThat(stored.get("accuracy_m").asDouble()).isEqualTo(12.5);
        assertThat(stored.get("recorded_at").asString()).isEqualTo("2026-05-01T12:00:00.123Z");
        assertThat(trackIds(alice, alice.id())).containsExactly(stored.get("id").asString());
    }

    @Test
    void decimalsSurviveJsonAndEveryStoreDigitForDigit() {
        Account alice = accounts().user();
        String[][] points = {
            {"51.123456", "-0.000001"},
            {"-0.000001", "179.999999"},
            {"90", "-180"},
            {"-90", "180"},
            {"-89.999999", "-179.999999"}
        };
        List<String> pings = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            pings.add(ping(points[i][0], points[i][1], Pings.T0.plusSeconds(i).toString()));
        }

        var created = api().post("/api/v1/locations", alice.token(), batch(pings));
        var track = api().get("/api/v1/users/" + alice.id() + "/locations", alice.token());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body())
                .contains("\"lat\":51.123456,\"lng\":-0.000001", "\"lng\":179.999999");
        JsonNode answered = exact(created).get("pings");
        JsonNode read = exact(track).get("items");
        for (int i = 0; i < points.length; i++) {
            JsonNode back = read.get(points.length - 1 - i);
            assertThat(answered.get(i).get("lat").decimalValue())
                    .isEqualTo(new BigDecimal(points[i][0]));
            assertThat(answered.get(i).get("lng").decimalValue())
                    .isEqualTo(new BigDecimal(points[i][1]));
            assertThat(back.get("lat").decimalValue()).isEqualTo(new BigDecimal(points[i][0]));
            assertThat(back.get("lng").decimalValue()).isEqualTo(new BigDecimal(points[i][1]));
        }
    }

    @Test
    void moreThanSixDecimalsOrOutOfRangeIsRefusedNotRounded() {
        Account alice = accounts().user();

        var tooPrecise =
                api().post("/api/v1/locations", alice.token(), ping("51.1234567", "0", null));
        var tooFarNorth =
                api().post("/api/v1/locations", alice.token(), ping("90.000001", "180.5", null));
        var trailingZeros =
                api().post("/api/v1/locations", alice.token(), ping("51.12345600", "0.0", null));

        assertThat(tooPrecise.status()).isEqualTo(400);
        assertThat(fields(tooPrecise)).containsExactly("lat");
        assertThat(tooPrecise.json().get("errors").get(0).get("message").asString())
                .contains("6 decimals");
        assertThat(tooFarNorth.status()).isEqualTo(400);
        assertThat(fields(tooFarNorth)).containsExactly("lat", "lng");
        assertThat(trailingZeros.status()).as("trailing zeros add no precision").isEqualTo(201);
        assertThat(trackIds(alice, alice.id()))
                .containsExactly(trailingZeros.json().get("id").asString());
    }

    @Test
    void aBatchOf1000IsAcceptedAnd1001IsRefused() {
        Account alice = accounts().user();
        Instant start = Instant.now().minus(3, ChronoUnit.DAYS);

        var accepted =
                api().post("/api/v1/locations", alice.token(), batch(minutesAfter(start, 1000)));
        var refused =
                api().post("/api/v1/locations", alice.token(), batch(minutesAfter(start, 1001)));
        var empty = api().post("/api/v1/locations", alice.token(), batch(List.of()));

        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.json().get("pings").size()).isEqualTo(1000);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("pings");
        assertThat(empty.status()).isEqualTo(400);
        var newest = api().get("/api/v1/locations/latest", alice.token()).json().get("items");
        assertThat(newest.get(0).get("id").asString())
                .as("the newest of the 1000, not any of the refused batch")
                .isEqualTo(accepted.json().get("pings").get(999).get("id").asString());
    }

    @Test
    void aBatchWithBadPingsNamesEachOneAndStoresNothing() {
        Account alice = accounts().user();
        String farFuture = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        List<String> pings =
                List.of(
                        ping("1", "1", null),
                        ping("91", "1", null),
                        ping("2", "2", null),
                        "{\"lat\":3}",
                        ping("4", "4", farFuture),
                        "{\"lat\":5,\"lng\":5,\"accuracy_m\":-1,\"recorded_at\":\"yesterday\"}");

        var response = api().post("/api/v1/locations", alice.token(), batch(pings));

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response))
                .containsExactly(
                        "pings[1].lat",
                        "pings[3].lng",
                        "pings[4].recorded_at",
                        "pings[5].accuracy_m",
                        "pings[5].recorded_at");
        assertThat(trackIds(alice, alice.id())).as("all or nothing").isEmpty();
    }

    @Test
    void recordedAtMayBeAFewMinutesAheadButNotMoreThanFiveAndDefaultsToNow() {
        Account alice = accounts().user();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        var slightlyAhead =
                api().post(
                                "/api/v1/locations",
                                alice.token(),
                                ping(
                                        "1",
                                        "1",
                                        Instant.now().plus(4, ChronoUnit.MINUTES).toString()));
        var tooFarAhead =
                api().post(
                                "/api/v1/locations",
                                alice.token(),
                                ping(
                                        "1",
                                        "1",
                                        Instant.now().plus(6, ChronoUnit.MINUTES).toString()));
        var undated = api().post("/api/v1/locations", alice.token(), ping("1", "1", null));

        assertThat(slightlyAhead.status()).isEqualTo(201);
        assertThat(tooFarAhead.status()).isEqualTo(400);
        assertThat(fields(tooFarAhead)).containsExactly("recorded_at");
        assertThat(undated.status()).isEqualTo(201);
        assertThat(Instant.parse(undated.json().get("recorded_at").asString()))
                .isBetween(before, Instant.now());
    }

    @Test
    void unknownFieldsAndMixedShapesAreRefused() {
        Account alice = accounts().user();

        var unknownInBatch =
                api().post(
                                "/api/v1/locations",
                                alice.token(),
                                batch(List.of("{\"lat\":1,\"lng\":1,\"altitude\":3}")));
        var mixed =
                api().post(
                                "/api/v1/locations",
                                alice.token(),
                                "{\"lat\":1,\"lng\":1,\"pings\":[" + ping("2", "2", null) + "]}");

        assertThat(unknownInBatch.status()).isEqualTo(400);
        assertThat(fields(unknownInBatch)).containsExactly("pings[0].altitude");
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(fields(mixed)).containsExactly("pings");
        assertThat(trackIds(alice, alice.id())).isEmpty();
    }

    @Test
    void aUserNeverReadsAnotherUsersPingsButAnAdminReadsEveryones() {
        Account alice = accounts().user();
        Account bob = accounts().user();
        Account admin = accounts().admin();
        String alicePing =
                api().post("/api/v1/locations", alice.token(), ping("1", "1", null))
                        .json()
                        .get("id")
                        .asString();
        String bobPing =
                api().post("/api/v1/locations", bob.token(), ping("2", "2", null))
                        .json()
                        .get("id")
                        .asString();

        assertThat(
                        api().get("/api/v1/locations/latest?user_id=" + alice.id(), bob.token())
                                .status())
                .isEqualTo(403);
        assertThat(
                        api().get(
                                        "/api/v1/locations/latest?user_id="
                                                + bob.id()
                                                + "&user_id="
                                                + alice.id(),
                                        bob.token())
                                .status())
                .isEqualTo(403);
        assertThat(api().get("/api/v1/users/" + alice.id() + "/locations", bob.token()).status())
                .isEqualTo(403);

        var both =
                api().get(
                                "/api/v1/locations/latest?user_id="
                                        + bob.id()
                                        + "&user_id="
                                        + alice.id(),
                                admin.token());
        assertThat(both.status()).isEqualTo(200);
        assertThat(
                        both.json()
                                .get("items")
                                .valueStream()
                                .map(item -> item.get("id").asString())
                                .toList())
                .as("in the order asked")
                .containsExactly(bobPing, alicePing);
        assertThat(trackIds(admin, alice.id())).containsExactly(alicePing);
        assertThat(api().get("/api/v1/users/no-such-user/locations", admin.token()).status())
                .isEqualTo(404);
    }

    @Test
    void latestWithoutUserIdIsTheCallersOwnAndUsersWithoutPingsAreAbsent() {
        Account alice = accounts().user();
        Account admin = accounts().admin();
        api().post("/api/v1/locations", alice.token(), batch(minutesAfter(Pings.T0, 3)));

        var own = api().get("/api/v1/locations/latest", alice.token());
        var adminsOwn = api().get("/api/v1/locations/latest", admin.token());
        var withSilent =
                api().get(
                                "/api/v1/locations/latest?user_id="
                                        + alice.id()
                                        + "&user_id="
                                        + admin.id(),
                                admin.token());

        assertThat(own.json().get("items").size()).isEqualTo(1);
        assertThat(own.json().get("items").get(0).get("recorded_at").asString())
                .isEqualTo(Pings.T0.plusSeconds(120).toString());
        assertThat(adminsOwn.json().get("items").size()).isZero();
        assertThat(withSilent.json().get("items").size()).isEqualTo(1);
        assertThat(withSilent.json().get("items").get(0).get("user_id").asString())
                .isEqualTo(alice.id());
    }

    @Test
    void latestAsksForAtMostOneHundredUsers() {
        Account admin = accounts().admin();
        String hundredAndOne =
                IntStream.range(0, 101)
                        .mapToObj(i -> "user_id=u" + i)
                        .collect(Collectors.joining("&"));
        String hundred =
                IntStream.range(0, 100)
                        .mapToObj(i -> "user_id=u" + i)
                        .collect(Collectors.joining("&"));

        var refused = api().get("/api/v1/locations/latest?" + hundredAndOne, admin.token());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("user_id");
        assertThat(api().get("/api/v1/locations/latest?" + hundred, admin.token()).status())
                .isEqualTo(200);
    }

    @Test
    void aTrackPagesNewestFirstWithinFromAndTo() {
        Account alice = accounts().user();
        api().post("/api/v1/locations", alice.token(), batch(minutesAfter(Pings.T0, 5)));
        String path = "/api/v1/users/" + alice.id() + "/locations?limit=2";

        List<Api.Response> pages = Pages.of(api(), path, alice.token());
        List<String> seen =
                Pages.jsonItems(pages).stream()
                        .map(item -> item.get("recorded_at").asString())
                        .toList();
        var bounded =
                api().get(
                                path.replace(
                                        "limit=2",
                                        "from="
                                                + Pings.T0.plusSeconds(60)
                                                + "&to="
                                                + Pings.T0.plusSeconds(180)),
                                alice.token());

        assertThat(pages).hasSize(3);
        assertThat(seen)
                .containsExactly(
                        IntStream.of(4, 3, 2, 1, 0)
                                .mapToObj(i -> Pings.T0.plusSeconds(60L * i).toString())
                                .toArray(String[]::new));
        assertThat(
                        bounded.json()
                                .get("items")
                                .valueStream()
                                .map(item -> item.get("recorded_at").asString())
                                .toList())
                .containsExactly(
                        Pings.T0.plusSeconds(120).toString(), Pings.T0.plusSeconds(60).toString());
        assertThat(api().get(path + "&from=not-a-time", alice.token()).status()).isEqualTo(400);
        assertThat(api().get(path + "&cursor=%21%21", alice.token()).status()).isEqualTo(400);
    }

    @Test
    void deletingAUserDeletesTheirPingsAndNoOneElses() {
        Account alice = accounts().user();
        Account bob = accounts().user();
        api().post("/api/v1/locations", alice.token(), batch(minutesAfter(Pings.T0, 3)));
        api().post("/api/v1/locations", bob.token(), ping("2", "2", null));

        assertThat(accounts().deleteSelf(alice).status()).isEqualTo(204);

        LocationStore locations = bean(LocationStore.class);
        assertThat(locations.latest(List.of(alice.id()))).isEmpty();
        assertThat(locations.deleteByUser(alice.id())).as("nothing was left to delete").isZero();
        assertThat(trackIds(bob, bob.id())).hasSize(1);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyStoresNothingNewAndReplaysTheFirstAnswer() {
        Account alice = accounts().user();
        String body =
                batch(
                        List.of(
                                ping("51.123456", "-0.000001", Pings.T0.toString()),
                                ping("-33.8688", "151.2093", Pings.T0.plusSeconds(1).toString())));
        String single = ping("1.000001", "2", Pings.T0.plusSeconds(2).toString());

        var first = post(alice, "batch-1", body);
        var retry = post(alice, "batch-1", body);
        var otherBody = post(alice, "batch-1", batch(List.of(ping("1", "1", null))));
        var firstSingle = post(alice, "single-1", single);
        var retriedSingle = post(alice, "single-1", single);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(exact(retry)).isEqualTo(exact(first));
        assertThat(retry.body()).contains("\"lat\":51.123456,\"lng\":-0.000001");
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(retriedSingle.status()).isEqualTo(201);
        assertThat(exact(retriedSingle)).isEqualTo(exact(firstSingle));
        assertThat(trackIds(alice, alice.id()))
                .as("two batch pings and one single ping, each stored once")
                .hasSize(3);
    }

    @Test
    void aBatchsStoredAnswerKeepsItsPingsIdsNotEveryPingAndItsReplayIsTheWholeAnswer() {
        Account alice = accounts().user();
        String body = batch(minutesAfter(Pings.T0, 1_000));

        var first = post(alice, "full-batch", body);
        var replay = post(alice, "full-batch", body);
        String stored =
                bean(IdempotencyStore.class)
                        .find(alice.id(), "full-batch")
                        .orElseThrow()
                        .responseBody();

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("pings").size()).isEqualTo(1_000);
        System.out.println(
                "[stored-answer] a batch of 1,000: answer "
                        + first.body().length()
                        + " bytes, stored "
                        + stored.length()
                        + " bytes");
        assertThat(stored.length()).as("bytes stored for the answer").isLessThan(40_000);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(exact(replay)).isEqualTo(exact(first));
    }

    private Api.Response post(Account account, String idempotencyKey, String body) {
        return api().call("POST", "/api/v1/locations")
                .token(account.token())
                .header("Idempotency-Key", idempotencyKey)
                .json(body)
                .send();
    }
}
