package io.waymark.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenetics.jpx.GPX;
import io.jenetics.jpx.Track;
import io.jenetics.jpx.TrackSegment;
import io.jenetics.jpx.WayPoint;
import io.waymark.shared.Coordinate;
import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api;
import io.waymark.testing.OnEveryStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A track to take away, on every store: GPX 1.1 read back with jpx (a GPX library kept by others)
 * and GeoJSON read back as RFC 7946 says, each giving the points that were posted, oldest first,
 * within the window asked for; the JSON track is untouched by the negotiation.
 */
class TrackDownloadTest extends OnEveryStore {

    private static final JsonMapper EXACT =
            JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** GPX 1.1 only, and anything its schema does not allow fails the read. */
    private static final GPX.Reader STRICT = GPX.Reader.of(GPX.Version.V11, GPX.Reader.Mode.STRICT);

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00.125Z");

    /** What was posted, in the order it was posted (not the order it was recorded). */
    private record Point(String lat, String lng, Double accuracy, Instant recordedAt) {

        Map<String, Object> json() {
            return accuracy == null
                    ? Map.of(
                            "lat", new BigDecimal(lat),
                            "lng", new BigDecimal(lng),
                            "recorded_at", recordedAt.toString())
                    : Map.of(
                            "lat",
                            new BigDecimal(lat),
                            "lng",
                            new BigDecimal(lng),
                            "accuracy_m",
                            accuracy,
                            "recorded_at",
                            recordedAt.toString());
        }
    }

    private static final Point SECOND =
            new Point("47.376887", "8.541694", 12.5, T0.plusSeconds(60));
    private static final Point FIRST = new Point("-33.868800", "151.2093", null, T0);
    private static final Point THIRD = new Point("0.000001", "-180", 3.0, T0.plusSeconds(120));
    private static final Point FOURTH =
            new Point("89.999999", "179.999999", null, T0.plusSeconds(180));

    private Account seeded() {
        Account walker = accounts().user();
        Api.Response posted =
                api().post(
                                "/api/v1/locations",
                                walker.token(),
                                Map.of(
                                        "pings",
                                        List.of(
                                                SECOND.json(),
                                                FOURTH.json(),
                                                FIRST.json(),
                                                THIRD.json())));
        assertThat(posted.status()).as("%s", posted).isEqualTo(201);
        return walker;
    }

    private Api.Response download(Account reader, String userId, String accept, String query) {
        return api().call("GET", "/api/v1/users/" + userId + "/locations" + query)
                .token(reader.token())
                .header("Accept", accept)
                .send();
    }

    @Test
    void theGpxOfASeededTrackParsesBackToThePointsOldestFirst() {
        Account walker = seeded();

        Api.Response gpx = download(walker, walker.id(), TrackFormats.GPX, "");

        assertThat(gpx.status()).as("%s", gpx).isEqualTo(200);
        assertThat(gpx.contentType()).startsWith(TrackFormats.GPX);
        assertThat(gpx.header("Content-Disposition")).startsWith("attachment");
        GPX parsed = STRICT.fromString(gpx.body());
        assertThat(parsed.getVersion()).isEqualTo("1.1");
        assertThat(parsed.getTracks()).hasSize(1);
        Track track = parsed.getTracks().getFirst();
        assertThat(track.getName()).contains(walker.userName());
        List<WayPoint> points = track.segments().flatMap(TrackSegment::points).toList();
        assertSamePoints(points, List.of(FIRST, SECOND, THIRD, FOURTH));
        assertThat(gpx.body())
                .as("the decimals that were sent, not a double's")
                .contains("lat=\"-33.8688\" lon=\"151.2093\"")
                .contains("lat=\"0.000001\" lon=\"-180\"");
    }

    @Test
    void theGeoJsonOfASeededTrackIsLongitudeFirstWithEachPointsTimeOldestFirst() {
        Account walker = seeded();

        Api.Response geoJson = download(walker, walker.id(), TrackFormats.GEO_JSON, "");

        assertThat(geoJson.status()).as("%s", geoJson).isEqualTo(200);
        assertThat(geoJson.contentType()).startsWith(TrackFormats.GEO_JSON);
        JsonNode collection = EXACT.readTree(geoJson.body());
        assertThat(collection.get("type").asString()).isEqualTo("FeatureCollection");
        List<Point> points = new ArrayList<>();
        for (JsonNode feature : collection.get("features")) {
            assertThat(feature.get("type").asString()).isEqualTo("Feature");
            assertThat(feature.get("geometry").get("type").asString()).isEqualTo("Point");
            JsonNode position = feature.get("geometry").get("coordinates");
            assertThat(position).hasSize(2);
            JsonNode properties = feature.get("properties");
            points.add(
                    new Point(
                            position.get(1).decimalValue().toPlainString(),
                            position.get(0).decimalValue().toPlainString(),
                            properties.get("accuracy_m").isNull()
                                    ? null
                                    : properties.get("accuracy_m").asDouble(),
                            Instant.parse(properties.get("recorded_at").asString())));
        }
        assertThat(points)
                .containsExactly(normal(FIRST), normal(SECOND), normal(THIRD), normal(FOURTH));
    }

    @Test
    void theWindowKeepsFromAndLeavesOutTo() {
        Account walker = seeded();
        String window = "?from=" + SECOND.recordedAt() + "&to=" + FOURTH.recordedAt();

        Api.Response gpx = download(walker, walker.id(), TrackFormats.GPX, window);
        Api.Response geoJson = download(walker, walker.id(), TrackFormats.GEO_JSON, window);

        List<WayPoint> points =
                STRICT.fromString(gpx.body())
                        .tracks()
                        .flatMap(Track::segments)
                        .flatMap(TrackSegment::points)
                        .toList();
        assertSamePoints(points, List.of(SECOND, THIRD));
        assertThat(EXACT.readTree(geoJson.body()).get("features")).hasSize(2);
    }

    @Test
    void aBadWindowIsAProblemNamingTheParameterBeforeAnyDownloadStarts() {
        Account walker = seeded();

        for (String accept : List.of(TrackFormats.GPX, TrackFormats.GEO_JSON)) {
            Api.Response backwards =
                    download(walker, walker.id(), accept, "?from=" + T0 + "&to=" + T0);
            Api.Response malformed = download(walker, walker.id(), accept, "?from=yesterday");

            assertThat(backwards.status()).as("%s", backwards).isEqualTo(400);
            assertThat(backwards.contentType()).isEqualTo("application/problem+json");
            assertThat(backwards.body()).contains("\"to\"");
            assertThat(malformed.status()).as("%s", malformed).isEqualTo(400);
            assertThat(malformed.contentType()).isEqualTo("application/problem+json");
            assertThat(malformed.body()).contains("\"from\"");
        }
    }

    @Test
    void aUserDownloadsOnlyTheirOwnTrackAndAnAdminAnyones() {
        Account walker = seeded();
        Account other = accounts().user();
        Account admin = accounts().admin();

        Api.Response refused = download(other, walker.id(), TrackFormats.GPX, "");
        Api.Response allowed = download(admin, walker.id(), TrackFormats.GEO_JSON, "");

        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(allowed.status()).as("%s", allowed).isEqualTo(200);
        assertThat(EXACT.readTree(allowed.body()).get("features")).hasSize(4);
    }

    @Test
    void anAcceptNoFormatSatisfiesIs406AndTheJsonTrackIsAsBefore() {
        Account walker = seeded();

        Api.Response csv = download(walker, walker.id(), "text/csv", "");
        Api.Response json = download(walker, walker.id(), "application/json", "");
        Api.Response anything = download(walker, walker.id(), "*/*", "");
        Api.Response unsaid =
                api().get("/api/v1/users/" + walker.id() + "/locations", walker.token());

        assertThat(csv.status()).as("%s", csv).isEqualTo(406);
        assertThat(csv.contentType()).isEqualTo("application/problem+json");
        for (Api.Response page : List.of(json, anything, unsaid)) {
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.contentType()).isEqualTo("application/json");
            assertThat(page.json().get("items")).hasSize(4);
            assertThat(page.json().get("items").get(0).get("recorded_at").asString())
                    .as("the JSON track stays newest first")
                    .isEqualTo(FOURTH.recordedAt().toString());
        }
    }

    private static void assertSamePoints(List<WayPoint> parsed, List<Point> expected) {
        List<Point> points =
                parsed.stream()
                        .map(
                                point ->
                                        new Point(
                                                sixDecimals(point.getLatitude().toDegrees()),
                                                sixDecimals(point.getLongitude().toDegrees()),
                                                null,
                                                point.getTime().orElseThrow()))
                        .toList();
        assertThat(points)
                .containsExactlyElementsOf(
                        expected.stream()
                                .map(
                                        point ->
                                                new Point(
                                                        sixDecimals(point.lat()),
                                                        sixDecimals(point.lng()),
                                                        null,
                                                        point.recordedAt()))
                                .toList());
        assertThat(parsed).allMatch(point -> point.getElevation().isEmpty());
    }

    private static String sixDecimals(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    private static String sixDecimals(String degrees) {
        return new BigDecimal(degrees).setScale(6, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** As the service writes a degree: no trailing zeros. */
    private static Point normal(Point point) {
        return new Point(
                Coordinate.toDegrees(Coordinate.microDegrees(new BigDecimal(point.lat())))
                        .toPlainString(),
                Coordinate.toDegrees(Coordinate.microDegrees(new BigDecimal(point.lng())))
                        .toPlainString(),
                point.accuracy(),
                point.recordedAt());
    }
}
