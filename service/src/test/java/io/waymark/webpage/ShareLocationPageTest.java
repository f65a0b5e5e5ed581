package io.waymark.webpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 23, item 2: "Share my location" in headless Chromium with an emulated position (CDP {@code
 * Emulation.setGeolocationOverride}, the permission granted with {@code Browser.grantPermissions}
 * as a user's "Allow" would): nothing is asked before the button, the browser's position and its
 * accuracy reach {@code POST /api/v1/locations} and the map, a moved position follows in the next
 * batch, the page says when it last sent, and "Stop sharing" stops.
 */
class ShareLocationPageTest extends BrowserTest {

    private MapPage map;
    private WebDriverWait wait;

    @BeforeEach
    void newPage() {
        map = new MapPage(browser, service.api().baseUrl());
        // Longer than a batch (10 s) plus a map refresh (5 s).
        wait = browser.waitUpTo(Duration.ofSeconds(25));
        browser.driver()
                .executeCdpCommand(
                        "Browser.grantPermissions",
                        Map.of(
                                "origin",
                                service.api().baseUrl(),
                                "permissions",
                                List.of("geolocation")));
    }

    @AfterEach
    void forgetThePosition() {
        if (browser != null) {
            browser.driver().executeCdpCommand("Emulation.clearGeolocationOverride", Map.of());
            browser.usePhoneScreen();
        }
    }

    @Test
    void theBrowsersPositionReachesTheApiAndTheMapUntilSharingIsStopped() {
        Account walker = new Accounts(service).user();
        place(46.948090, 7.447440, 14);
        map.openAs(walker);
        assertThat(latest(walker)).as("nothing is sent before the user asks").isEmpty();
        assertThat(button("share-stop").isDisplayed()).isFalse();

        button("share-start").click();

        wait.withMessage(() -> "a position on the API, status: " + status())
                .until(d -> !latest(walker).isEmpty());
        assertThat(latest(walker))
                .containsEntry("lat", 46.94809)
                .containsEntry("lng", 7.44744)
                .containsEntry("accuracy_m", 14.0);
        wait.withMessage(() -> "the status says when it sent, status: " + status())
                .until(d -> status().startsWith("Sharing. Last sent at "));
        assertThat(status()).contains("±14 m");
        map.awaitMapLabel(walker.userName());
        wait.withMessage(() -> "the row shows the position: " + map.position(walker.userName()))
                .until(d -> map.position(walker.userName()).equals("46.94809, 7.44744 ±14 m"));

        place(46.951000, 7.438600, 30);
        wait.withMessage(() -> "the moved position in the next batch, status: " + status())
                .until(d -> Double.valueOf(46.951).equals(latest(walker).get("lat")));
        assertThat(latest(walker)).containsEntry("lng", 7.4386).containsEntry("accuracy_m", 30.0);

        button("share-stop").click();

        assertThat(status()).startsWith("Stopped. Last sent at ");
        assertThat(button("share-start").isDisplayed()).isTrue();
        assertThat(button("share-stop").isDisplayed()).isFalse();
        assertThat(
                        (Boolean)
                                browser.script(
                                        "return document.getElementById('share-location')"
                                                + ".classList.contains('sharing')"))
                .isFalse();
    }

    @Test
    void theControlIsOnTheTodoPageAtPhoneWidthAndOnlyWhileSharingOnAWideScreen() {
        Account walker = new Accounts(service).user();
        place(47.0, 8.0, 20);
        TodoPage page = new TodoPage(browser, service.api().baseUrl());
        page.open();
        page.signIn(walker.userName(), Accounts.PASSWORD);
        page.awaitMessage("Signed in as " + walker.userName());
        assertThat(button("share-start").isDisplayed()).as("phone width, to-do page").isTrue();

        browser.useDesktopScreen(1280, 800);
        assertThat(panel().isDisplayed()).as("wide screen, to-do page, not sharing").isFalse();

        browser.usePhoneScreen();
        button("share-start").click();
        wait.until(d -> !latest(walker).isEmpty());
        browser.useDesktopScreen(1280, 800);
        assertThat(button("share-stop").isDisplayed())
                .as("while sharing it can always be stopped")
                .isTrue();
        button("share-stop").click();
        assertThat(panel().isDisplayed()).isFalse();
    }

    @Test
    void closingThePageSendsWhatWasWaiting() {
        Account walker = new Accounts(service).user();
        place(44.0, 6.0, 10);
        map.openAs(walker);
        button("share-start").click();
        wait.until(d -> !latest(walker).isEmpty());

        place(44.5, 6.5, 12);
        // The moved position waits for the next batch, ten seconds away ...
        wait.withMessage("a position waiting for the next batch")
                .until(
                        d ->
                                "1"
                                        .equals(
                                                browser.script(
                                                        "return document.getElementById('share-status')"
                                                                + ".dataset.waiting")));
        // ... when the page goes away: only its pagehide send (keepalive) can deliver it now.
        browser.driver().get(service.api().baseUrl() + "/favicon.svg");

        wait.withMessage(() -> "the waiting position on the API: " + latest(walker))
                .until(d -> Double.valueOf(44.5).equals(latest(walker).get("lat")));
    }

    @Test
    void signingOutStopsSharing() {
        Account walker = new Accounts(service).user();
        place(45.0, 7.0, 10);
        map.openAs(walker);
        button("share-start").click();
        wait.until(d -> !latest(walker).isEmpty());

        new TodoPage(browser, service.api().baseUrl()).signOut();

        assertThat(panel().isDisplayed()).isFalse();
        assertThat(status()).isEmpty();
        assertThat((Boolean) browser.script("return document.getElementById('share-stop').hidden"))
                .as("the watch ended with the session")
                .isTrue();
    }

    private void place(double latitude, double longitude, double accuracy) {
        browser.driver()
                .executeCdpCommand(
                        "Emulation.setGeolocationOverride",
                        Map.of("latitude", latitude, "longitude", longitude, "accuracy", accuracy));
    }

    private WebElement panel() {
        return browser.driver().findElement(By.id("share-location"));
    }

    private WebElement button(String id) {
        return browser.driver().findElement(By.id(id));
    }

    private String status() {
        return (String)
                browser.script("return document.getElementById('share-status').textContent");
    }

    /** The user's latest ping as the API has it, or empty. */
    private static Map<String, Double> latest(Account who) {
        Api.Response response =
                service.api().get("/api/v1/locations/latest?user_id=" + who.id(), who.token());
        assertThat(response.status()).isEqualTo(200);
        var items = response.json().get("items");
        if (items.isEmpty()) {
            return Map.of();
        }
        var ping = items.get(0);
        return Map.of(
                "lat", ping.get("lat").asDouble(),
                "lng", ping.get("lng").asDouble(),
                "accuracy_m", ping.get("accuracy_m").asDouble());
    }
}
