package io.waymark.webpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.RunningService;
import io.waymark.testing.TestStore;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every web page test shares: the shared service on SQLite and one headless Chromium per test
 * class, each test skipped (with the command that enables it) where Chromium is not installed, and
 * after each test a console free of script errors and Content-Security-Policy violations, which
 * under the page's policy would show nowhere else.
 */
abstract class BrowserTest {

    static RunningService service;
    static Browser browser;

    @BeforeAll
    static void startBrowser() {
        if (Browser.installed()) {
            service = RunningService.on(TestStore.SQLITE);
            browser = Browser.start();
        } else {
            // Surefire keeps test output in the reports and the skip's reason only in the XML; the
            // fork's own stderr reaches the console, once per class rather than once per test.
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)
                    .println(System.lineSeparator() + "[SKIPPED] " + Browser.MISSING);
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /**
     * Skipping each test (not the class) is what makes the build report name the command that
     * enables them.
     */
    @BeforeEach
    void requireBrowser() {
        Browser.assumeInstalled();
    }

    @AfterEach
    void consoleShowsNoScriptErrorsOrPolicyViolations() {
        if (browser == null) {
            return; // skipped: there was no browser
        }
        assertConsoleClean();
    }

    /**
     * Reads (and so empties) the console: for a test that provokes a message of its own afterwards.
     */
    static void assertConsoleClean() {
        assertThat(browser.consoleMessages())
                .noneMatch(
                        message ->
                                message.contains("Uncaught")
                                        || message.contains("Content Security Policy")
                                        || message.contains("Refused to"));
    }
}
