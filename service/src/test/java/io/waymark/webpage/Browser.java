package io.waymark.webpage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium at phone size, driven through Debian's chromedriver. Both paths are
 * given explicitly so Selenium Manager never runs (it would try to download a driver), and every
 * host name but 127.0.0.1 resolves to nothing, so the browser makes no outside lookups while it
 * tests the page.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;
    static final String MISSING =
            "The web page tests need headless Chromium: `apt-get install chromium chromium-driver` enables them";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Skips the calling test (every other test still runs) where the Debian packages are missing.
     */
    static void assumeInstalled() {
        assumeTrue(installed(), MISSING);
    }

    static Browser start() {
        Path profile = temporaryProfile();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--window-size=" + PHONE_WIDTH + "," + PHONE_HEIGHT,
                "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        // New headless Chromium keeps windows at least 500 px wide; emulating the phone's screen
        // gives the page a real 390 px viewport (and the mobile viewport rules) whatever the window
        // may be.
        options.setExperimentalOption(
                "mobileEmulation",
                Map.of(
                        "deviceMetrics",
                        Map.of("width", PHONE_WIDTH, "height", PHONE_HEIGHT, "pixelRatio", 1.0)));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .withSilent(true)
                        .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Console messages since the last call: script errors and Content-Security-Policy violations
     * show up here.
     */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    /**
     * A wait for what the page shows; an element the page re-renders meanwhile is looked up again,
     * not a failure. It looks every 50 ms (Selenium's default is 500): a look is one local round
     * trip, and a page test waits dozens of times.
     */
    WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    Object script(String source, Object... arguments) {
        return driver.executeScript(source, arguments);
    }

    /**
     * Sets a form field as a user's choice would, for controls whose typing depends on the
     * browser's locale.
     */
    void setValue(WebElement input, String value) {
        script(
                """
                arguments[0].value = arguments[1];
                arguments[0].dispatchEvent(new Event('input', {bubbles: true}));
                arguments[0].dispatchEvent(new Event('change', {bubbles: true}))""",
                input,
                value);
    }

    /** Emulates a phone screen of this size (CSS pixels) from now on. */
    void useScreen(int width, int height) {
        emulate(width, height, true);
    }

    /** Back to the phone screen every test starts with. */
    void usePhoneScreen() {
        useScreen(PHONE_WIDTH, PHONE_HEIGHT);
    }

    /** Emulates a desktop window of this size: no mobile viewport rules, no touch. */
    void useDesktopScreen(int width, int height) {
        emulate(width, height, false);
    }

    private void emulate(int width, int height, boolean mobile) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    long viewportWidth() {
        return (Long) script("return window.innerWidth");
    }

    /**
     * How many CSS pixels the page sticks out sideways; anything above zero means sideways
     * scrolling on a phone.
     */
    long horizontalOverflow() {
        return (Long)
                script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    }

    /**
     * The elements that reach beyond {@code width} CSS pixels, to name the culprit when a layout
     * overflows.
     */
    @SuppressWarnings("unchecked")
    List<String> elementsBeyond(int width) {
        return (List<String>)
                script(
                        """
                return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > arguments[0] + 0.5)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                        + ' right=' + Math.round(e.getBoundingClientRect().right))""",
                        width);
    }

    /** Saves what the screen shows under target/screenshots. */
    Path screenshot(String name) {
        return save(name, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Saves the whole page, top to bottom, as if the phone's screen were as tall as the page. */
    @SuppressWarnings("unchecked")
    Path fullPageScreenshot(String name) {
        // The picture shows the page, not the focus of the last click.
        script("document.activeElement?.blur()");
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot =
                driver.executeCdpCommand(
                        "Page.captureScreenshot",
                        Map.of(
                                "format",
                                "png",
                                "captureBeyondViewport",
                                true,
                                "clip",
                                Map.of(
                                        "x",
                                        0,
                                        "y",
                                        0,
                                        "width",
                                        size.get("width"),
                                        "height",
                                        size.get("height"),
                                        "scale",
                                        1)));
        return save(name, Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static Path save(String name, byte[] png) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static Path temporaryProfile() {
        try {
            return Files.createTempDirectory("waymark-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
