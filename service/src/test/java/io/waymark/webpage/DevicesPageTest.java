package io.waymark.webpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Accounts.Account;
import io.waymark.testing.Devices;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Devices view in headless Chromium: a user adds a device, reads the settings shown once, and
 * those settings work: the key is accepted by the ingest endpoint, and the OwnTracks QR code and
 * link carry the same configuration. Also takes docs/devices-view.png (copied from
 * target/screenshots/devices-view.png, as MapPageTest's pictures are for the README).
 */
class DevicesPageTest extends BrowserTest {

    private String setting(ChromeDriver driver, String name) {
        return driver.findElement(By.cssSelector("#device-setup [data-setting='" + name + "']"))
                .getText();
    }

    @Test
    void aUserAddsADeviceAndReadsTheSettingsForEachApp() {
        Account alice = new Accounts(service).user();
        ChromeDriver driver = browser.driver();
        WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(10));
        TodoPage page = new TodoPage(browser, service.api().baseUrl());
        page.open();
        page.signIn(alice.userName(), Accounts.PASSWORD);
        page.awaitMessage("Signed in as " + alice.userName());

        driver.findElement(By.cssSelector("#views a[href='#devices']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("device-form")));
        driver.findElement(By.id("device-name")).sendKeys("Alice's Pixel");
        driver.findElement(By.cssSelector("#device-form button[type='submit']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("device-setup")));

        String key = setting(driver, "key");
        assertThat(key).hasSize(24);
        assertThat(setting(driver, "owntracks-url")).endsWith("/api/v1/ingest/owntracks");
        assertThat(setting(driver, "owntracks-user")).isEqualTo(alice.userName());
        assertThat(setting(driver, "owntracks-password")).isEqualTo(key);
        assertThat(setting(driver, "traccar-url")).endsWith("/api/v1/ingest/osmand");
        assertThat(setting(driver, "traccar-id")).isEqualTo(key);
        assertThat(setting(driver, "gpslogger-url"))
                .contains("id=" + key, "lat=%LAT", "speed_mps=%SPD");
        assertThat(setting(driver, "overland-url")).endsWith("/api/v1/ingest/overland");
        assertThat(setting(driver, "overland-token")).isEqualTo(key);
        WebElement qr = driver.findElement(By.cssSelector("#device-setup img.qr"));
        wait.until(
                d ->
                        ((Number) browser.script("return arguments[0].naturalWidth", qr)).intValue()
                                > 0);
        String link = driver.findElement(By.linkText("Open in OwnTracks")).getAttribute("href");
        assertThat(link).startsWith("owntracks:///config?inline=");
        JsonNode configuration =
                JsonMapper.builder()
                        .build()
                        .readTree(
                                Base64.getDecoder()
                                        .decode(
                                                URLDecoder.decode(
                                                        link.substring(link.indexOf('=') + 1),
                                                        StandardCharsets.UTF_8)));
        assertThat(configuration.get("_type").asString()).isEqualTo("configuration");
        assertThat(configuration.get("mode").asInt()).isEqualTo(3);
        assertThat(configuration.get("password").asString()).isEqualTo(key);
        assertThat(configuration.get("username").asString()).isEqualTo(alice.userName());
        wait.until(
                d ->
                        d.findElements(By.cssSelector("#device-list li.device h3")).stream()
                                .anyMatch(name -> name.getText().equals("Alice's Pixel")));
        assertThat(
                        service.api()
                                .get(
                                        "/api/v1/ingest/osmand?id="
                                                + key
                                                + "&lat=47.3769&lon=8.5417",
                                        null)
                                .status())
                .isEqualTo(200);
        assertThat(driver.getTitle()).isEqualTo("Waymark devices");
        screenshot();
    }

    /** docs/phone-apps.md's picture: the new device's settings and QR code on a laptop's screen. */
    private void screenshot() {
        browser.useDesktopScreen(1024, 768);
        try {
            assertThat(browser.horizontalOverflow()).isZero();
            browser.script(
                    "document.getElementById('device-setup').scrollIntoView();"
                            + " document.activeElement?.blur()");
            browser.fullPageScreenshot("devices-view");
        } finally {
            browser.usePhoneScreen();
        }
    }

    @Test
    void theTeamListShowsTheDeviceItsLowBatteryAndSilence() {
        Account bob = new Accounts(service).user();
        String key = new Devices(service.api()).of(bob, "Bob's Moto").key();
        long twentyMinutesAgo = Instant.now().minusSeconds(20 * 60).getEpochSecond();
        assertThat(
                        service.api()
                                .get(
                                        "/api/v1/ingest/osmand?id="
                                                + key
                                                + "&lat=47.3769&lon=8.5417&batt=9&timestamp="
                                                + twentyMinutesAgo,
                                        null)
                                .status())
                .isEqualTo(200);

        MapPage map = new MapPage(browser, service.api().baseUrl()).openAs(bob);

        browser.waitUpTo(Duration.ofSeconds(10))
                .until(d -> !map.deviceStatus(bob.userName()).isEmpty());
        assertThat(map.deviceStatus(bob.userName()))
                .isEqualTo("Bob's Moto · battery 9 % (low) · silent");
        assertThat(map.age(bob.userName())).isEqualTo("20 minutes ago");
    }
}
