package io.waymark.webpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.jenetics.jpx.GPX;
import io.jenetics.jpx.Track;
import io.jenetics.jpx.TrackSegment;
import io.jenetics.jpx.WayPoint;
import io.waymark.testing.Accounts;
import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The map view end to end in headless Chromium against the real service on SQLite, with pings
 * posted through the API. The shared service keeps the default OpenStreetMap tiles, which the test
 * browser cannot reach (it resolves no host but 127.0.0.1): so these tests also show that markers
 * and tracks are drawn without any tiles. One test starts a service of its own with a tile server
 * on 127.0.0.1, and takes the screenshots for the README.
 */
class MapPageTest extends BrowserTest {

    private MapPage map;

    @BeforeEach
    void newPage() {
        map = new MapPage(browser, service.api().baseUrl());
    }

    @Test
    void aUserSeesTheirOwnLatestPositionWithItsAgeAndNoOneElses() {
        Accounts accounts = new Accounts(service);
        Account alice = accounts.user();
        Account bob = accounts.user();
        post(
                service,
                alice,
                ping("47.376887", "8.541694", 12.0, Instant.now().minusSeconds(2 * 3600 + 60)));
        post(service, bob, ping("47.380000", "8.550000", 5.0, Instant.now().minusSeconds(60)));

        map.openAs(alice);

        map.awaitMapLabel(alice.userName());
        assertThat(map.mapLabels()).containsExactly(alice.userName());
        assertThat(map.positionMarkers()).isEqualTo(1);
        assertThat(map.people()).containsExactly(alice.userName() + " (you)");
        assertThat(map.age(alice.userName())).isEqualTo("2 hours ago");
        assertThat(map.position(alice.userName())).isEqualTo("47.376887, 8.541694 ±12 m");
        assertThat(map.trackChoices()).containsExactly(alice.userName());
        assertThat(map.buttons(alice.userName()))
                .as("a user manages no accounts")
                .containsExactly("Show track");
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .doesNotContain(bob.userName());
        assertThat(map.title()).isEqualTo("Waymark map");
        assertThat(browser.horizontalOverflow())
                .as("nothing wider than the phone: %s", browser.elementsBeyond(390))
                .isZero();
    }

    @Test
    void withoutTilesTheMapSaysSoAndStillDrawsThePositions() {
        Account alice = new Accounts(service).user();
        post(service, alice, ping("46.204391", "6.143158", null, Instant.now().minusSeconds(30)));

        map.openAs(alice);

        map.awaitMapLabel(alice.userName());
        map.awaitTileNote();
        assertThat(map.tiles())
                .isNotEmpty()
                .allSatisfy(
                        tile -> {
                            assertThat(tile.get("src"))
                                    .startsWith("https://tile.openstreetmap.org/");
                            // OpenStreetMap's tile policy wants a Referer; the page itself sends
                            // none (Referrer-Policy: no-referrer).
                            assertThat(tile.get("referrerPolicy")).isEqualTo("strict-origin");
                            assertThat(tile.get("loaded")).isEqualTo("false");
                        });
        assertThat(map.positionMarkers()).isEqualTo(1);
        assertThat(map.age(alice.userName())).isEqualTo("now");
        assertThat(map.attribution().getText()).isEqualTo("© OpenStreetMap contributors");
        assertThat(map.attribution().findElement(By.tagName("a")).getDomAttribute("href"))
                .isEqualTo("https://www.openstreetmap.org/copyright");
    }

    @Test
    void theTrackOfAChosenDayIsALineThroughAllItsPointsAcrossPages() {
        Account walker = new Accounts(service).user();
        // 250 pings a minute apart, walking north-east from 09:00 (local) three days ago: two pages
        // of the API.
        Instant start = map.openAs(walker).localTime(3, 9, 0);
        List<Map<String, Object>> pings =
                new ArrayList<>(
                        IntStream.range(0, 250)
                                .mapToObj(
                                        i ->
                                                ping(
                                                        degrees(46.5 + i * 0.0004),
                                                        degrees(7.5 + i * 0.0006),
                                                        5.0,
                                                        start.plusSeconds(60L * i)))
                                .toList());
        pings.add(
                ping("10.000000", "10.000000", 5.0, start.minusSeconds(86_400))); // the day before
        pings.add(ping("20.000000", "20.000000", 5.0, start.plusSeconds(86_400))); // the day after
        post(service, walker, pings.toArray(Map[]::new));

        map.chooseTrack(walker.userName(), map.localDay(3));

        map.awaitTrackPoints(250);
        map.awaitTrackSummary("250 points");
        assertThat(map.awaitMessage("250 points"))
                .as("said in the live region when asked for")
                .contains(walker.userName());
        MapPage.Track track = map.track();
        // The line starts at the day's first ping (the westernmost) and ends at its last (the
        // easternmost).
        assertThat(track.lineStart().get(0).doubleValue())
                .isCloseTo(track.west().get(0).doubleValue(), within(1.5));
        assertThat(track.lineStart().get(1).doubleValue())
                .isCloseTo(track.west().get(1).doubleValue(), within(1.5));
        assertThat(track.lineEnd().get(0).doubleValue())
                .isCloseTo(track.east().get(0).doubleValue(), within(1.5));
        assertThat(track.lineEnd().get(1).doubleValue())
                .isCloseTo(track.east().get(1).doubleValue(), within(1.5));
        assertThat(track.east().get(1).doubleValue())
                .as("north is up")
                .isLessThan(track.west().get(1).doubleValue());

        map.chooseTrack(walker.userName(), map.localDay(5));

        map.awaitTrackSummary("has no pings on");
        assertThat(map.track().points()).isZero();
    }

    @Test
    void theChosenTrackDownloadsAsGpxAndGeoJsonThatParseBackToItsPoints(@TempDir Path downloads)
            throws IOException {
        Account walker = new Accounts(service).user();
        Instant start = map.openAs(walker).localTime(1, 9, 0);
        post(
                service,
                walker,
                ping("46.500400", "7.500600", null, start.plusSeconds(60)),
                ping("46.500000", "7.500000", 5.0, start),
                ping("10.000000", "10.000000", 5.0, start.minusSeconds(86_400)));
        String day = map.localDay(1);
        map.chooseTrack(walker.userName(), day);
        map.awaitTrackPoints(2);

        Path gpx = map.download("Download GPX", Files.createDirectory(downloads.resolve("gpx")));
        Path geoJson =
                map.download(
                        "Download GeoJSON", Files.createDirectory(downloads.resolve("geojson")));

        assertThat(gpx.getFileName()).hasToString(walker.userName() + "-" + day + ".gpx");
        List<WayPoint> points =
                GPX.Reader.of(GPX.Version.V11, GPX.Reader.Mode.STRICT)
                        .read(gpx)
                        .tracks()
                        .flatMap(Track::segments)
                        .flatMap(TrackSegment::points)
                        .toList();
        assertThat(points)
                .extracting(
                        point -> point.getLatitude().toDegrees(),
                        point -> point.getLongitude().toDegrees(),
                        point -> point.getTime().orElseThrow())
                .containsExactly(
                        tuple(46.5, 7.5, start), tuple(46.5004, 7.5006, start.plusSeconds(60)));
        JsonNode features = JsonMapper.builder().build().readTree(geoJson.toFile()).get("features");
        assertThat(features).hasSize(2);
        assertThat(features.get(1).get("geometry").get("coordinates").toString())
                .as("longitude first")
                .isEqualTo("[7.5006,46.5004]");
        assertThat(features.get(0).get("properties").get("recorded_at").asString())
                .isEqualTo(start.toString());
        assertThat(map.awaitMessage("as GeoJSON")).contains(walker.userName());
    }

    @Test
    void aNewPingShowsWithinFiveSecondsWithoutAReload() {
        Account alice = new Accounts(service).user();
        post(
                service,
                alice,
                ping("45.000000", "9.000000", null, Instant.now().minusSeconds(3 * 3600 + 60)));
        map.openAs(alice);
        map.awaitAge(alice.userName(), "3 hours ago");
        Map<String, Number> before = map.labelCentre(alice.userName());

        post(service, alice, ping("45.000000", "9.000100", null, Instant.now()));

        map.awaitPosition(alice.userName(), "45, 9.0001", Duration.ofSeconds(5));
        map.awaitAge(alice.userName(), "now");
        assertThat(map.labelCentre(alice.userName()).get("x").doubleValue())
                .as("the marker moved east")
                .isGreaterThan(before.get("x").doubleValue());
    }

    @Test
    void anAdminSeesEveryoneAndChangesARoleAndDeletesAnAccount() {
        Accounts accounts = new Accounts(service);
        Account admin = accounts.admin();
        Account london = accounts.user();
        Account paris = accounts.user();
        post(
                service,
                london,
                ping("51.507400", "-0.127800", 10.0, Instant.now().minusSeconds(600)));
        post(service, paris, ping("48.856600", "2.352200", 10.0, Instant.now().minusSeconds(300)));

        map.openAs(admin);

        map.awaitMapLabel(london.userName());
        map.awaitMapLabel(paris.userName());
        Map<String, Number> londonLabel = map.labelCentre(london.userName());
        Map<String, Number> parisLabel = map.labelCentre(paris.userName());
        assertThat(parisLabel.get("x").doubleValue())
                .as("Paris is east of London")
                .isGreaterThan(londonLabel.get("x").doubleValue());
        assertThat(parisLabel.get("y").doubleValue())
                .as("and south")
                .isGreaterThan(londonLabel.get("y").doubleValue());
        assertThat(map.age(london.userName())).isEqualTo("10 minutes ago");
        assertThat(map.age(paris.userName())).isEqualTo("5 minutes ago");
        assertThat(map.trackChoices())
                .contains(admin.userName(), london.userName(), paris.userName());
        assertThat(map.buttons(admin.userName()))
                .as("no demoting or deleting oneself")
                .containsExactly("Show track");
        assertThat(map.role(london.userName())).isEqualTo("User");

        map.press(london.userName(), "Make admin");

        map.awaitMessage(london.userName() + " is now an admin.");
        map.awaitRole(london.userName(), "Admin");
        assertThat(map.buttons(london.userName())).contains("Make user");
        assertThat(
                        service.api()
                                .get("/api/v1/users/" + london.id(), admin.token())
                                .json()
                                .get("role")
                                .asString())
                .isEqualTo("admin");

        map.press(paris.userName(), "Delete");
        assertThat(map.buttons(paris.userName()))
                .as("asks before deleting")
                .containsExactly("Yes, delete", "Cancel");
        map.press(paris.userName(), "Yes, delete");

        map.awaitMessage("Deleted " + paris.userName());
        map.awaitNoPerson(paris.userName());
        map.awaitNoMapLabel(paris.userName());
        assertThat(service.api().get("/api/v1/users/" + paris.id(), admin.token()).status())
                .isEqualTo(404);
        assertThat(service.api().get("/api/v1/users/" + london.id(), admin.token()).status())
                .isEqualTo(200);
    }

    @Test
    void tilesComeFromTheConfiguredServerWhichThePolicyAllowsAndNoOtherImageOrigin()
            throws InterruptedException {
        try (TileServer tiles = TileServer.start()) {
            RunningService own =
                    RunningService.start(
                            TestStore.SQLITE.newDatabase(),
                            Map.of("waymark.map.tiles", tiles.template()));
            try {
                Api.Response page = own.api().get("/", null);
                assertThat(page.header("Content-Security-Policy"))
                        .contains("img-src 'self' data: " + tiles.origin() + ";");
                MapPage team = new MapPage(browser, own.api().baseUrl());
                Account lead = seedTeam(own);

                team.openAs(lead);

                team.awaitLoadedTiles(4);
                assertThat(team.tileNoteShown()).isFalse();
                assertThat(tiles.requests())
                        .isNotEmpty()
                        .allSatisfy(
                                request -> {
                                    assertThat(request.path())
                                            .matches("/tiles/\\d+/\\d+/\\d+\\.png");
                                    assertThat(request.referer())
                                            .as("only the origin, never a path")
                                            .isEqualTo(own.api().baseUrl() + "/");
                                });
                // The default tile origin is not allowed once another one is configured.
                assertConsoleClean();
                browser.script("new Image().src = 'https://tile.openstreetmap.org/0/0/0.png'");
                assertThat(
                                awaitConsoleMessage(
                                        "violates the following Content Security Policy directive"))
                        .contains("https://tile.openstreetmap.org/0/0/0.png")
                        .contains("blocked");

                screenshots(team);
            } finally {
                own.stop();
            }
        }
    }

    /**
     * The README's pictures: a small team with one track, on a phone's screen and on a desktop's.
     */
    private void screenshots(MapPage team) {
        team.press("ana", "Show track");
        team.awaitTrackSummary("ana on");
        team.awaitMapLabel("chris");
        team.awaitSettled();
        browser.script("window.scrollTo(0, 0); document.activeElement?.blur()");
        browser.screenshot("map-page-phone");
        browser.useDesktopScreen(1280, 800);
        try {
            team.press("ana", "Show track");
            team.awaitSettled();
            assertThat(browser.horizontalOverflow()).isZero();
            browser.script("window.scrollTo(0, 0); document.activeElement?.blur()");
            browser.screenshot("map-page-desktop");
        } finally {
            browser.usePhoneScreen();
        }
    }

    /** An admin and three field workers with recent positions; ana walked a loop this morning. */
    private static Account seedTeam(RunningService own) {
        Accounts accounts = new Accounts(own);
        Account lead = accounts.admin("lead");
        Account ana = accounts.user("ana");
        Instant now = Instant.now();
        List<Map<String, Object>> walk = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            double angle = Math.PI * 2 * i / 48;
            walk.add(
                    ping(
                            degrees(46.5600 + 0.006 * Math.sin(angle)),
                            degrees(7.9400 + 0.011 * (1 - Math.cos(angle))),
                            8.0,
                            now.minusSeconds(60L * 5 * (40 - i) + 60)));
        }
        post(own, ana, walk.toArray(Map[]::new));
        post(
                own,
                accounts.user("ben"),
                ping("46.563000", "7.955000", 6.0, now.minusSeconds(40 * 60)));
        post(
                own,
                accounts.user("chris"),
                ping("46.561500", "7.944500", 15.0, now.minusSeconds(3 * 3600)));
        return lead;
    }

    private static String awaitConsoleMessage(String text) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (int attempt = 0; attempt < 50; attempt++) {
            seen.addAll(browser.consoleMessages());
            for (String message : seen) {
                if (message.contains(text)) {
                    return message;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "no console message containing '" + text + "' within 5 s, seen: " + seen);
    }

    private static Map<String, Object> ping(
            String lat, String lng, Double accuracy, Instant recordedAt) {
        Map<String, Object> ping =
                new HashMap<>(
                        Map.of(
                                "lat",
                                new BigDecimal(lat),
                                "lng",
                                new BigDecimal(lng),
                                "recorded_at",
                                recordedAt.toString()));
        if (accuracy != null) {
            ping.put("accuracy_m", accuracy);
        }
        return ping;
    }

    private static String degrees(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    @SafeVarargs
    private static void post(RunningService to, Account who, Map<String, Object>... pings) {
        Api.Response response =
                to.api().post("/api/v1/locations", who.token(), Map.of("pings", List.of(pings)));
        assertThat(response.status()).as("%s", response).isEqualTo(201);
    }
}
