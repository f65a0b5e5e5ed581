package io.waymark.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.shared.Coordinate;
import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * A download of 100,000 points from a service run with the image's JVM flags (a 128 MB heap that
 * exits on OutOfMemoryError, scripts/container/jvm.options): both formats arrive whole and in
 * order, a client that leaves half way logs no failure, and the process is still alive afterwards.
 * The test reads the answers as streams too, so neither side ever holds the whole track.
 */
class TrackDownloadMemoryTest {

    private static final int POINTS = 100_000;
    private static final int BATCH = 1_000;
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

    @TempDir Path directory;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aTrackOf100000PointsDownloadsWholeWithTheServicesOwnHeap() throws Exception {
        try (ServiceProcess service =
                ServiceProcess.startWithJvmOptions(
                        imageJvmOptions(),
                        Map.of("DATABASE_URL", "sqlite:" + directory.resolve("waymark.db")))) {
            Api api = service.awaitServing(Duration.ofSeconds(90));
            Accounts.Account walker = Accounts.registered(api, Accounts.uniqueName("walker"));
            for (int first = 0; first < POINTS; first += BATCH) {
                Api.Response posted =
                        api.post(
                                "/api/v1/locations", walker.token(), Map.of("pings", pings(first)));
                assertThat(posted.status()).as("%s", posted).isEqualTo(201);
            }
            URI track = URI.create(api.baseUrl() + "/api/v1/users/" + walker.id() + "/locations");

            long gpxPoints =
                    read(track, walker.token(), TrackFormats.GPX, TrackDownloadMemoryTest::gpx);
            long geoJsonPoints =
                    read(
                            track,
                            walker.token(),
                            TrackFormats.GEO_JSON,
                            TrackDownloadMemoryTest::geoJson);

            abandon(track, walker.token(), TrackFormats.GPX, "left-gpx");
            abandon(track, walker.token(), TrackFormats.GEO_JSON, "left-geojson");
            service.awaitOutput("request_id=left-gpx", Duration.ofSeconds(60));
            service.awaitOutput("request_id=left-geojson", Duration.ofSeconds(60));

            assertThat(gpxPoints).isEqualTo(POINTS);
            assertThat(geoJsonPoints).isEqualTo(POINTS);
            assertThat(service.isAlive()).as("no OutOfMemoryError ended it").isTrue();
            assertThat(service.loggedExceptions())
                    .as("a client that leaves half way is no failure of the service")
                    .isEmpty();
        }
    }

    /** The flags the image runs with, one a line, '#' comments left out. */
    private static List<String> imageJvmOptions() throws IOException {
        return Files.readAllLines(Path.of("..", "scripts", "container", "jvm.options")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    /** A second apart, wandering north-east in micro-degree steps. */
    private static List<Map<String, Object>> pings(int first) {
        return IntStream.range(first, first + BATCH)
                .mapToObj(
                        i ->
                                Map.<String, Object>of(
                                        "lat", Coordinate.toDegrees(10_000_000 + i),
                                        "lng", Coordinate.toDegrees(20_000_000 + i),
                                        "recorded_at", START.plusSeconds(i).toString()))
                .toList();
    }

    private interface Counter {
        long count(InputStream body) throws Exception;
    }

    private static long read(URI track, String token, String accept, Counter counter)
            throws Exception {
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(track)
                                        .header("Authorization", "Bearer " + token)
                                        .header("Accept", accept)
                                        .timeout(Duration.ofMinutes(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            return counter.count(body);
        }
    }

    /** Reads the first 64 KiB of a download and goes away, as a closed browser tab does. */
    private static void abandon(URI track, String token, String accept, String requestId)
            throws Exception {
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(track)
                                        .header("Authorization", "Bearer " + token)
                                        .header("Accept", accept)
                                        .header("X-Request-Id", requestId)
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.readNBytes(64 * 1024)).hasSize(64 * 1024);
        }
    }

    /** Counts trkpt elements, checking that each is a second after the one before. */
    private static long gpx(InputStream body) throws XMLStreamException {
        XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(body);
        long points = 0;
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                if (xml.getLocalName().equals("trkpt")) {
                    points++;
                } else if (xml.getLocalName().equals("time")) {
                    assertThat(Instant.parse(xml.getElementText()))
                            .isEqualTo(START.plusSeconds(points - 1));
                }
            }
        }
        return points;
    }

    /** Counts features, checking that each is a second after the one before. */
    private static long geoJson(InputStream body) {
        long points = 0;
        try (JsonParser json = JsonMapper.builder().build().createParser(body)) {
            JsonToken token;
            while ((token = json.nextToken()) != null) {
                if (token == JsonToken.PROPERTY_NAME && json.currentName().equals("recorded_at")) {
                    json.nextToken();
                    assertThat(Instant.parse(json.getString()))
                            .isEqualTo(START.plusSeconds(points));
                    points++;
                }
            }
        }
        return points;
    }
}
