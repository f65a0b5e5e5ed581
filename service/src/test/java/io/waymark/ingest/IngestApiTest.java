package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api;
import io.waymark.testing.Devices;
import io.waymark.testing.OnEveryStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each app's documented payloads ({@link PhonePayloads}) through its endpoint, on every store: what
 * is stored, in Waymark's units, and exactly the answer the app expects.
 */
class IngestApiTest extends OnEveryStore {

    private static final JsonMapper EXACT =
            JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** A recent whole second, so that no test depends on how old a fix may be. */
    private final Instant now =
            Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private record Phone(Account owner, Devices.Device device) {}

    private Phone phone() {
        Account owner = accounts().user();
        return new Phone(owner, new Devices(api()).of(owner));
    }

    /** The owner's stored pings, newest first, with numbers as the exact decimals written. */
    private List<JsonNode> track(Account owner) {
        Api.Response response =
                api().get("/api/v1/users/" + owner.id() + "/locations?limit=200", owner.token());
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        EXACT.readTree(response.body()).get("items").forEach(items::add);
        return items;
    }

    private static String basic(String user, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Api.Response ownTracks(Phone phone, String message) {
        return api().call("POST", "/api/v1/ingest/owntracks")
                .header("Authorization", basic(phone.owner().userName(), phone.device().key()))
                .header("X-Limit-U", phone.owner().userName())
                .header("X-Limit-D", "phone")
                .json(message)
                .send();
    }

    private Api.Response overland(String key, String body) {
        return api().call("POST", "/api/v1/ingest/overland")
                .header("Authorization", "Bearer " + key)
                .json(body)
                .send();
    }

    /** waymark_ingest_points_total of this protocol and outcome, so far. */
    private double points(String protocol, String outcome) {
        Counter counter =
                bean(MeterRegistry.class)
                        .find("waymark.ingest.points")
                        .tag("protocol", protocol)
                        .tag("outcome", outcome)
                        .counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertDecimal(JsonNode node, String expected) {
        assertThat(node.decimalValue()).isEqualByComparingTo(new BigDecimal(expected));
    }

    @Test
    void anOwnTracksLocationIsStoredInWaymarksUnitsAndAnsweredWithTheTeam() {
        Phone phone = phone();
        long tst = now.getEpochSecond();

        Api.Response answer =
                ownTracks(phone, PhonePayloads.OWNTRACKS_LOCATION.formatted(tst, tst + 1));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode stored = track(phone.owner()).getFirst();
        assertDecimal(stored.get("lat"), "48.85833");
        assertDecimal(stored.get("lng"), "2.29513");
        assertThat(stored.get("recorded_at").asString()).isEqualTo(now.toString());
        assertThat(stored.get("accuracy_m").asDouble()).isEqualTo(5.0);
        assertThat(stored.get("altitude_m").asDouble()).isEqualTo(35.0);
        assertThat(stored.get("battery_pct").asDouble()).isEqualTo(41.0);
        assertThat(stored.get("speed_mps").asDouble()).isCloseTo(10.0, within(1e-9));
        assertThat(stored.get("heading_deg").asDouble()).isEqualTo(271.0);
        assertThat(stored.get("device_id").asString()).isEqualTo(phone.device().id());
        JsonNode team = answer.json();
        assertThat(team.isArray()).isTrue();
        assertThat(team.toString())
                .contains("\"_type\":\"location\"", "\"_type\":\"card\"")
                .contains("\"name\":\"" + phone.owner().userName() + "\"");
        JsonNode location = team.get(0);
        assertThat(location.get("tst").asLong()).isEqualTo(tst);
        assertThat(location.get("tid").asString()).hasSize(2);
        assertThat(location.get("batt").asInt()).isEqualTo(41);
    }

    @Test
    void theMinimalOwnTracksPayloadIsStored() {
        Phone phone = phone();

        Api.Response answer =
                ownTracks(phone, PhonePayloads.OWNTRACKS_MINIMAL.formatted(now.getEpochSecond()));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode stored = track(phone.owner()).getFirst();
        assertDecimal(stored.get("lat"), "48.85833");
        assertThat(stored.get("battery_pct").isNull()).isTrue();
        assertThat(stored.get("speed_mps").isNull()).isTrue();
    }

    @Test
    void everyOtherOwnTracksMessageIsAcceptedWithAnArrayAndStoresNothing() {
        Phone phone = phone();

        for (String message : PhonePayloads.OWNTRACKS_OTHER_TYPES) {
            Api.Response answer = ownTracks(phone, message);
            assertThat(answer.status()).as(message).isEqualTo(200);
            assertThat(answer.json().isArray()).as(message).isTrue();
        }
        assertThat(track(phone.owner())).isEmpty();
        assertThat(ownTracks(phone, PhonePayloads.OWNTRACKS_OTHER_TYPES[3]).body()).isEqualTo("[]");
    }

    @Test
    void ownTracksWithAWrongKeyOrAnotherUsersNameIsRefusedSoTheAppShowsIt() {
        Phone phone = phone();
        Account other = accounts().user();
        String message = PhonePayloads.OWNTRACKS_MINIMAL.formatted(now.getEpochSecond());

        Api.Response wrongKey =
                api().call("POST", "/api/v1/ingest/owntracks")
                        .header("Authorization", basic(phone.owner().userName(), "not-the-key"))
                        .json(message)
                        .send();
        Api.Response wrongUser =
                api().call("POST", "/api/v1/ingest/owntracks")
                        .header("Authorization", basic(other.userName(), phone.device().key()))
                        .json(message)
                        .send();
        Api.Response none = api().call("POST", "/api/v1/ingest/owntracks").json(message).send();

        for (Api.Response refused : List.of(wrongKey, wrongUser, none)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
        }
        assertThat(track(phone.owner())).isEmpty();
    }

    @Test
    void anOsmAndQueryIsStoredWithKnotsAsMetresPerSecond() {
        Phone phone = phone();

        Api.Response answer =
                api().get(
                                "/api/v1/ingest/osmand?id="
                                        + phone.device().key()
                                        + "&"
                                        + PhonePayloads.OSMAND_QUERY.formatted(
                                                now.getEpochSecond()),
                                null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        JsonNode stored = track(phone.owner()).getFirst();
        assertDecimal(stored.get("lat"), "51.507351");
        assertDecimal(stored.get("lng"), "-0.127758");
        assertThat(stored.get("recorded_at").asString()).isEqualTo(now.toString());
        assertThat(stored.get("speed_mps").asDouble()).isCloseTo(5.144444, within(1e-6));
        assertThat(stored.get("heading_deg").asDouble()).isEqualTo(90.5);
        assertThat(stored.get("altitude_m").asDouble()).isEqualTo(11.5);
        assertThat(stored.get("accuracy_m").asDouble()).isEqualTo(4.2);
        assertThat(stored.get("battery_pct").asDouble()).isEqualTo(76.0);
    }

    @Test
    void osmAndTakesLocationLatLonMillisecondTimestampsAndAForm() {
        Phone phone = phone();
        long millis = now.toEpochMilli() + 123;

        Api.Response query =
                api().get(
                                "/api/v1/ingest/osmand?id="
                                        + phone.device().key()
                                        + "&"
                                        + PhonePayloads.OSMAND_LOCATION_PARAMETER.formatted(millis),
                                null);
        Api.Response form =
                api().call("POST", "/api/v1/ingest/osmand")
                        .body(
                                "application/x-www-form-urlencoded",
                                "id="
                                        + phone.device().key()
                                        + "&lat=1.5&lon=2.5&timestamp="
                                        + now.minusSeconds(60))
                        .send();

        assertThat(query.status()).isEqualTo(200);
        assertThat(form.status()).isEqualTo(200);
        List<JsonNode> track = track(phone.owner());
        assertThat(track).hasSize(2);
        JsonNode byLocation = track.get(0);
        assertDecimal(byLocation.get("lat"), "-33.865143");
        assertDecimal(byLocation.get("lng"), "151.2099");
        assertThat(byLocation.get("recorded_at").asString())
                .isEqualTo(Instant.ofEpochMilli(millis).toString());
        assertThat(byLocation.get("heading_deg").asDouble()).isEqualTo(180.0);
        assertThat(byLocation.get("speed_mps").asDouble()).isEqualTo(0.0);
        assertThat(track.get(1).get("recorded_at").asString())
                .isEqualTo(now.minusSeconds(60).toString());
    }

    @Test
    void traccarClientJsonIsStoredWithBatteryAsAPercentage() {
        Phone phone = phone();

        Api.Response answer =
                api().call("POST", "/api/v1/ingest/osmand")
                        .json(
                                PhonePayloads.TRACCAR_CLIENT_JSON.formatted(
                                        phone.device().key(), now.plusMillis(250)))
                        .send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        JsonNode stored = track(phone.owner()).getFirst();
        assertDecimal(stored.get("lat"), "40.7128");
        assertDecimal(stored.get("lng"), "-74.006");
        assertThat(stored.get("recorded_at").asString()).isEqualTo(now.plusMillis(250).toString());
        assertThat(stored.get("battery_pct").asDouble()).isCloseTo(83.0, within(1e-9));
        assertThat(stored.get("speed_mps").asDouble()).isEqualTo(2.5);
        assertThat(stored.get("heading_deg").asDouble()).isEqualTo(45.0);
        assertThat(stored.get("altitude_m").asDouble()).isEqualTo(15.2);
        assertThat(stored.get("accuracy_m").asDouble()).isEqualTo(8.5);
    }

    @Test
    void gpsLoggersCustomUrlAsTheDocsGiveItIsStored() {
        Phone phone = phone();
        // CustomUrlManager: String.valueOf of doubles and floats, %TIMESTAMP = getTime()/1000.
        String url =
                PhonePayloads.GPSLOGGER_URL_TEMPLATE
                        .formatted(phone.device().key())
                        .replace("%LAT", String.valueOf(59.329323d))
                        .replace("%LON", String.valueOf(18.068581d))
                        .replace("%TIMESTAMP", String.valueOf(now.toEpochMilli() / 1000))
                        .replace("%ACC", String.valueOf(3.9f))
                        .replace("%ALT", String.valueOf(44.0d))
                        .replace("%SPD", String.valueOf(1.25f))
                        .replace("%DIR", String.valueOf(271.5f))
                        .replace("%BATT", String.valueOf(64.0f));

        Api.Response answer = api().get("/api/v1/ingest/osmand?" + url, null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode stored = track(phone.owner()).getFirst();
        assertDecimal(stored.get("lat"), "59.329323");
        assertDecimal(stored.get("lng"), "18.068581");
        assertThat(stored.get("speed_mps").asDouble()).isEqualTo(1.25);
        assertThat(stored.get("heading_deg").asDouble()).isEqualTo(271.5);
        assertThat(stored.get("battery_pct").asDouble()).isEqualTo(64.0);
        assertThat(stored.get("accuracy_m").asDouble()).isCloseTo(3.9, within(1e-6));
    }

    @Test
    void anOverlandBatchIsStoredAndAnsweredExactlyResultOk() {
        Phone phone = phone();
        // The README's own offset style: -0700, no colon.
        DateTimeFormatter overland = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx");
        String first = now.atOffset(ZoneOffset.ofHours(-7)).format(overland);
        String second = now.plusSeconds(10).atOffset(ZoneOffset.ofHours(-7)).format(overland);
        String body =
                "{\"locations\":["
                        + PhonePayloads.OVERLAND_FEATURE.formatted(first)
                        + ","
                        + PhonePayloads.OVERLAND_FEATURE.formatted(second)
                        + "]}";

        Api.Response answer = overland(phone.device().key(), body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"result\":\"ok\"}");
        List<JsonNode> track = track(phone.owner());
        assertThat(track).hasSize(2);
        JsonNode stored = track.get(1);
        assertDecimal(stored.get("lat"), "37.3318");
        assertDecimal(stored.get("lng"), "-122.030581");
        assertThat(stored.get("recorded_at").asString()).isEqualTo(now.toString());
        assertThat(stored.get("battery_pct").asDouble()).isCloseTo(89.0, within(1e-9));
        assertThat(stored.get("speed_mps").asDouble()).isEqualTo(4.0);
        assertThat(stored.get("accuracy_m").asDouble()).isEqualTo(30.0);
        assertThat(stored.get("altitude_m").asDouble()).isEqualTo(0.0);
        assertThat(stored.get("heading_deg").isNull()).isTrue();
    }

    @Test
    void overlandTakesTheKeyAsATokenParameterAndRefusesAWrongOne() {
        Phone phone = phone();
        String body = "{\"locations\":[" + PhonePayloads.OVERLAND_FEATURE.formatted(now) + "]}";

        Api.Response byParameter =
                api().call("POST", "/api/v1/ingest/overland?token=" + phone.device().key())
                        .json(body)
                        .send();
        Api.Response wrong = overland("not-a-key", body);

        assertThat(byParameter.body()).isEqualTo("{\"result\":\"ok\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).isEqualTo("application/problem+json");
        assertThat(track(phone.owner())).hasSize(1);
    }

    @Test
    void aResentBufferStoresNothingTwiceAndStillAnswersSuccess() {
        Phone phone = phone();
        String body =
                "{\"locations\":["
                        + PhonePayloads.OVERLAND_FEATURE.formatted(now)
                        + ","
                        + PhonePayloads.OVERLAND_FEATURE.formatted(now.plusSeconds(5))
                        + "]}";
        String resentWithANewOne =
                "{\"locations\":["
                        + PhonePayloads.OVERLAND_FEATURE.formatted(now.plusSeconds(5))
                        + ","
                        + PhonePayloads.OVERLAND_FEATURE.formatted(now.plusSeconds(9))
                        + "]}";
        String osmAnd =
                "/api/v1/ingest/osmand?id="
                        + phone.device().key()
                        + "&lat=37.3318&lon=-122.030581&timestamp="
                        + now.getEpochSecond();

        assertThat(overland(phone.device().key(), body).body()).isEqualTo("{\"result\":\"ok\"}");
        assertThat(overland(phone.device().key(), body).body()).isEqualTo("{\"result\":\"ok\"}");
        assertThat(overland(phone.device().key(), resentWithANewOne).body())
                .isEqualTo("{\"result\":\"ok\"}");
        assertThat(api().get(osmAnd, null).status()).isEqualTo(200);

        assertThat(track(phone.owner())).hasSize(3);
    }

    @Test
    void theSameInstantFromTwoDevicesIsTwoPings() {
        Phone phone = phone();
        Devices.Device second = new Devices(api()).of(phone.owner());
        String body = "{\"locations\":[" + PhonePayloads.OVERLAND_FEATURE.formatted(now) + "]}";

        overland(phone.device().key(), body);
        overland(second.key(), body);

        assertThat(track(phone.owner())).hasSize(2);
    }

    @Test
    void invalidPointsInABatchAreDroppedAndTheRestStored() {
        Phone phone = phone();
        String body =
                "{\"locations\":["
                        + PhonePayloads.OVERLAND_FEATURE.formatted(now)
                        + ","
                        + PhonePayloads.OVERLAND_FEATURE
                                .formatted(now.plusSeconds(1))
                                .replace("37.3318", "97.5")
                        + ","
                        + PhonePayloads.OVERLAND_FEATURE.formatted("yesterday-ish")
                        + ","
                        // A GPS week-number rollover throws a clock back 1,024 weeks.
                        + PhonePayloads.OVERLAND_FEATURE.formatted(
                                now.minus(1024 * 7, ChronoUnit.DAYS))
                        + ","
                        + PhonePayloads.OVERLAND_FEATURE.formatted(now.plusSeconds(3))
                        + "]}";

        double droppedBefore = points("overland", "dropped");
        double storedBefore = points("overland", "stored");

        Api.Response answer = overland(phone.device().key(), body);

        assertThat(answer.body()).isEqualTo("{\"result\":\"ok\"}");
        assertThat(track(phone.owner()))
                .extracting(ping -> ping.get("recorded_at").asString())
                .containsExactly(now.plusSeconds(3).toString(), now.toString());
        assertThat(points("overland", "dropped") - droppedBefore).isEqualTo(3);
        assertThat(points("overland", "stored") - storedBefore).isEqualTo(2);
    }

    @Test
    void aHoursOldBufferSentOutOfOrderIsTaken() {
        Phone phone = phone();
        Instant hoursAgo = now.minus(30, ChronoUnit.HOURS);
        String body =
                "{\"locations\":["
                        + PhonePayloads.OVERLAND_FEATURE.formatted(hoursAgo.plusSeconds(600))
                        + ","
                        + PhonePayloads.OVERLAND_FEATURE.formatted(hoursAgo)
                        + "]}";

        overland(phone.device().key(), body);

        assertThat(track(phone.owner())).hasSize(2);
    }

    @Test
    void anOsmAndPointWithoutAFixIsDroppedButAnswered200() {
        Phone phone = phone();

        Api.Response zero =
                api().get(
                                "/api/v1/ingest/osmand?id=" + phone.device().key() + "&lat=0&lon=0",
                                null);
        Api.Response garbage =
                api().get(
                                "/api/v1/ingest/osmand?id="
                                        + phone.device().key()
                                        + "&lat=north&lon=1",
                                null);

        assertThat(zero.status()).isEqualTo(200);
        assertThat(garbage.status()).isEqualTo(200);
        assertThat(track(phone.owner())).isEmpty();
    }

    @Test
    void theLatestPositionNamesTheDeviceAndMarksSilenceAndLowBattery() {
        Phone quiet = phone();
        Phone lively = phone();
        String old =
                PhonePayloads.OVERLAND_FEATURE
                        .formatted(Instant.now().minus(20, ChronoUnit.MINUTES))
                        .replace("\"battery_level\":0.89", "\"battery_level\":0.12");
        overland(quiet.device().key(), "{\"locations\":[" + old + "]}");
        overland(
                lively.device().key(),
                "{\"locations\":["
                        + PhonePayloads.OVERLAND_FEATURE.formatted(Instant.now().minusSeconds(30))
                        + "]}");

        JsonNode silent =
                api().get("/api/v1/locations/latest", quiet.owner().token())
                        .json()
                        .get("items")
                        .get(0);
        JsonNode fresh =
                api().get("/api/v1/locations/latest", lively.owner().token())
                        .json()
                        .get("items")
                        .get(0);

        assertThat(silent.get("device_name").asString()).startsWith("phone ");
        assertThat(silent.get("silent").asBoolean()).isTrue();
        assertThat(silent.get("low_battery").asBoolean()).isTrue();
        assertThat(fresh.get("silent").asBoolean()).isFalse();
        assertThat(fresh.get("low_battery").asBoolean()).isFalse();
        assertThat(fresh.get("device_id").asString()).isEqualTo(lively.device().id());
    }

    @Test
    void theDocumentedExamplesAreStoredWithTheirOwnOldTimestamps() {
        Phone phone = phone();
        // Verbatim: OwnTracks' Traccar page (tst 1497476456, June 2017) and Overland's README
        // (2015-10-01T08:00:00-0700).
        String ownTracks =
                "{\"lon\":2.29513,\"lat\":48.85833,\"_type\":\"location\",\"tst\":1497476456, \"tid\":\"JJ\"}";
        String overland =
                "{\"locations\":["
                        + PhonePayloads.OVERLAND_FEATURE.formatted("2015-10-01T08:00:00-0700")
                        + "]}";

        assertThat(ownTracks(phone, ownTracks).status()).isEqualTo(200);
        assertThat(overland(phone.device().key(), overland).body())
                .isEqualTo("{\"result\":\"ok\"}");

        assertThat(track(phone.owner()))
                .extracting(ping -> ping.get("recorded_at").asString())
                .containsExactly("2017-06-14T21:40:56Z", "2015-10-01T15:00:00Z");
    }
}
