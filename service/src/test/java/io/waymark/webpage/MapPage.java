package io.waymark.webpage;

import io.waymark.testing.Accounts;
import io.waymark.testing.Accounts.Account;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map view as a user sees it: reached with the page's own "Map" link after signing in; reads
 * the names on the map, the rows of the team list and the drawn track, and presses buttons by their
 * visible names.
 */
final class MapPage {

    private final Browser browser;
    private final ChromeDriver driver;
    private final TodoPage page;
    private final WebDriverWait wait;
    private final ListedItems people;

    MapPage(Browser browser, String baseUrl) {
        this.browser = browser;
        this.driver = browser.driver();
        this.page = new TodoPage(browser, baseUrl);
        // Longer than two refreshes of the map (every 3 s), so a wait can see what the next refresh
        // brings.
        this.wait = browser.waitUpTo(Duration.ofSeconds(15));
        this.people =
                new ListedItems(
                        driver,
                        wait,
                        "#people li.person",
                        "name",
                        (shown, name) -> shown.equals(name) || shown.equals(name + " (you)"));
    }

    /**
     * Opens the page as a new visitor, signs in and follows the "Map" link; waits for the caller's
     * own row.
     */
    MapPage openAs(Account account) {
        page.open();
        page.signIn(account.userName(), Accounts.PASSWORD);
        page.awaitMessage("Signed in as " + account.userName());
        driver.findElement(By.cssSelector("#views a[href='#map']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("map-view")));
        awaitPerson(account.userName());
        return this;
    }

    String awaitMessage(String text) {
        return page.awaitMessage(text);
    }

    String title() {
        return driver.getTitle();
    }

    // --- the map
    // -----------------------------------------------------------------------------------------------

    /** The names written on the map at the latest positions. */
    List<String> mapLabels() {
        return driver.findElements(By.cssSelector("#map .position-label")).stream()
                .map(WebElement::getText)
                .toList();
    }

    void awaitMapLabel(String name) {
        wait.withMessage(() -> "'" + name + "' on the map, labels: " + mapLabels())
                .until(d -> mapLabels().contains(name));
    }

    void awaitNoMapLabel(String name) {
        wait.withMessage(() -> "'" + name + "' gone from the map, labels: " + mapLabels())
                .until(d -> !mapLabels().contains(name));
    }

    long positionMarkers() {
        return (Long)
                browser.script("return document.querySelectorAll('#map path.position').length");
    }

    /** Where the label of this name is drawn on the screen (its centre, CSS pixels). */
    @SuppressWarnings("unchecked")
    Map<String, Number> labelCentre(String name) {
        return (Map<String, Number>)
                browser.script(
                        """
                const label = [...document.querySelectorAll('#map .position-label')].find(l => l.textContent === arguments[0]);
                const box = label.getBoundingClientRect();
                return {x: box.left + box.width / 2, y: box.top + box.height / 2}""",
                        name);
    }

    boolean tileNoteShown() {
        return driver.findElement(By.id("map-note")).isDisplayed();
    }

    void awaitTileNote() {
        wait.withMessage("the note that the map background cannot be loaded")
                .until(d -> tileNoteShown());
    }

    /**
     * The tile images the map asked for: their URLs and the referrer policy each was requested
     * with.
     */
    @SuppressWarnings("unchecked")
    List<Map<String, String>> tiles() {
        return (List<Map<String, String>>)
                browser.script(
                        """
                return [...document.querySelectorAll('#map img.leaflet-tile')]
                    .map(t => ({src: t.src, referrerPolicy: t.referrerPolicy, loaded: String(t.classList.contains('leaflet-tile-loaded'))}))""");
    }

    void awaitLoadedTiles(int atLeast) {
        wait.withMessage(() -> atLeast + " tiles loaded, tiles: " + tiles())
                .until(
                        d ->
                                tiles().stream().filter(t -> t.get("loaded").equals("true")).count()
                                        >= atLeast);
    }

    /**
     * Waits until the map is at rest, covered with loaded tiles of one zoom level only, and stays
     * so for a moment (a zoom or pan that is about to start shows as a change): as a picture of it
     * should show it. Tile URLs as {@link TileServer} makes them: /tiles/Z/X/Y.png.
     */
    void awaitSettled() {
        String[] last = {null};
        new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(400))
                .withMessage("the map at rest with its tiles loaded, tiles: " + tiles())
                .until(
                        d -> {
                            String now =
                                    (String)
                                            browser.script(
                                                    """
                            const map = document.getElementById('map');
                            const tiles = [...map.querySelectorAll('img.leaflet-tile')];
                            const loaded = tiles.filter(t => t.classList.contains('leaflet-tile-loaded'));
                            const zooms = new Set(tiles.map(t => new URL(t.src).pathname.split('/')[2]));
                            const needed = Math.ceil(map.clientWidth / 256) * Math.ceil(map.clientHeight / 256);
                            const atRest = !map.querySelector('.leaflet-zoom-anim') && zooms.size === 1
                                && loaded.length === tiles.length && loaded.length >= needed;
                            return atRest ? map.querySelector('.leaflet-map-pane').style.transform + [...zooms] : null""");
                            boolean settled = now != null && now.equals(last[0]);
                            last[0] = now;
                            return settled;
                        });
    }

    WebElement attribution() {
        return driver.findElement(By.id("map-attribution"));
    }

    // --- the track
    // ---------------------------------------------------------------------------------------------

    List<String> trackChoices() {
        return new Select(driver.findElement(By.id("track-user")))
                .getOptions().stream().map(WebElement::getText).toList();
    }

    /**
     * Chooses a person and a day ("2026-05-01", as the date field holds it), as a user would with
     * the form.
     */
    void chooseTrack(String name, String day) {
        new Select(driver.findElement(By.id("track-user"))).selectByVisibleText(name);
        browser.setValue(driver.findElement(By.id("track-day")), day);
    }

    /**
     * Presses a download button of the track form ("Download GPX") and returns the file the browser
     * saved into {@code directory}, once it is whole.
     */
    Path download(String button, Path directory) {
        driver.executeCdpCommand(
                "Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", directory.toAbsolutePath().toString()));
        driver.findElement(
                        By.xpath(
                                "//form[@id='track-form']//button[normalize-space()='"
                                        + button
                                        + "']"))
                .click();
        return wait.withMessage(() -> "a file downloaded into " + directory)
                .until(d -> savedFile(directory));
    }

    private static Path savedFile(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            // Chromium writes into NAME.crdownload and renames it when the download is complete.
            return files.filter(file -> !file.toString().endsWith(".crdownload"))
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String trackSummary() {
        return driver.findElement(By.id("track-summary")).getText();
    }

    void awaitTrackSummary(String text) {
        wait.withMessage(
                        () ->
                                "track summary containing '"
                                        + text
                                        + "', shown: '"
                                        + trackSummary()
                                        + "'")
                .until(d -> trackSummary().contains(text));
    }

    /**
     * The drawn track: how many point markers, where the line starts and ends, and the centres of
     * the westernmost and easternmost points, all in the map's own drawing coordinates.
     */
    record Track(
            long points,
            List<Number> lineStart,
            List<Number> lineEnd,
            List<Number> west,
            List<Number> east) {}

    @SuppressWarnings("unchecked")
    Track track() {
        Map<String, Object> track =
                (Map<String, Object>)
                        browser.script(
                                """
                const points = [...document.querySelectorAll('#map path.track-point')].map(p => {
                    const box = p.getBBox();
                    return [box.x + box.width / 2, box.y + box.height / 2];
                });
                const line = document.querySelector('#map path.track-line');
                const numbers = line ? line.getAttribute('d').match(/-?[0-9.]+/g).map(Number) : [];
                const byX = [...points].sort((a, b) => a[0] - b[0]);
                return {points: points.length, lineStart: numbers.slice(0, 2), lineEnd: numbers.slice(-2),
                        west: byX[0] ?? [], east: byX.at(-1) ?? []}""");
        return new Track(
                (Long) track.get("points"),
                (List<Number>) track.get("lineStart"),
                (List<Number>) track.get("lineEnd"),
                (List<Number>) track.get("west"),
                (List<Number>) track.get("east"));
    }

    void awaitTrackPoints(long count) {
        wait.withMessage(() -> count + " track points drawn, drawn: " + track().points())
                .until(d -> track().points() == count);
    }

    /** The browser's local calendar day this many days ago, as a date field holds it. */
    String localDay(int daysAgo) {
        return (String)
                browser.script(
                        """
                const d = new Date(); d.setDate(d.getDate() - arguments[0]);
                return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`""",
                        daysAgo);
    }

    /**
     * The instant of this local wall-clock time, this many days ago, in the browser's time zone.
     */
    Instant localTime(int daysAgo, int hour, int minute) {
        return Instant.parse(
                (String)
                        browser.script(
                                """
                const d = new Date(); d.setDate(d.getDate() - arguments[0]); d.setHours(arguments[1], arguments[2], 0, 0);
                return d.toISOString()""",
                                daysAgo,
                                hour,
                                minute));
    }

    // --- the team list
    // -----------------------------------------------------------------------------------------

    /** The names in the list beside the map, as shown (the caller's own with "(you)"). */
    List<String> people() {
        return people.names();
    }

    void awaitPerson(String name) {
        people.await(name);
    }

    void awaitNoPerson(String name) {
        people.awaitGone(name);
    }

    String age(String name) {
        return people.text(name, "age");
    }

    void awaitAge(String name, String age) {
        people.awaitText(name, "age", age);
    }

    /**
     * Waits at most {@code deadline} for the row's position text: how soon an open page shows a new
     * position is a promise of the page (within 5 s), not only a wait for it.
     */
    void awaitPosition(String name, String position, Duration deadline) {
        browser.waitUpTo(deadline)
                .withMessage(
                        () ->
                                "position '"
                                        + position
                                        + "' of '"
                                        + name
                                        + "' within "
                                        + deadline
                                        + ", shown: '"
                                        + position(name)
                                        + "'")
                .until(d -> position.equals(position(name)));
    }

    String position(String name) {
        return people.text(name, "position-text");
    }

    /** The row's device line: device name, battery, and the silent and low-battery marks. */
    String deviceStatus(String name) {
        return people.text(name, "device-status");
    }

    String role(String name) {
        return people.text(name, "role");
    }

    void awaitRole(String name, String role) {
        people.awaitText(name, "role", role);
    }

    List<String> buttons(String name) {
        return people.buttons(name);
    }

    void press(String name, String button) {
        people.button(name, button).click();
    }
}
