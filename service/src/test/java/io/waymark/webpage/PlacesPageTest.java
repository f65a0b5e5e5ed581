package io.waymark.webpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

/**
 * To-do places on the page in headless Chromium: placing a to-do by clicking the picker map (or by
 * typing), and the list nearest first from the signed-in user's last position, with distances.
 */
class PlacesPageTest extends BrowserTest {

    private TodoPage page;
    private Accounts.Account account;

    @BeforeEach
    void signIn() {
        account = new Accounts(service).user();
        page = new TodoPage(browser, service.api().baseUrl()).open();
        page.signIn(account.userName(), Accounts.PASSWORD);
        page.awaitMessage("Signed in as " + account.userName());
    }

    private JsonNode onServer(String title) {
        Api.Response response = service.api().get("/api/v1/todos?limit=200", account.token());
        for (JsonNode todo : response.json().get("items")) {
            if (todo.get("title").asString().equals(title)) {
                return todo;
            }
        }
        throw new AssertionError(title + " is not on the server: " + response);
    }

    @Test
    void aTodoIsPlacedByClickingTheMapOrByTypingItsCoordinates() {
        var driver = browser.driver();
        driver.findElement(By.cssSelector("#place-section summary")).click();
        WebElement picker = driver.findElement(By.id("place-picker"));
        browser.waitUpTo(Duration.ofSeconds(10))
                .until(d -> picker.getDomAttribute("class").contains("leaflet-container"));
        // Centred first: above it the page now has more (sharing, devices) than a screen holds.
        ((JavascriptExecutor) driver)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", picker);
        new Actions(driver).moveToElement(picker, 30, 20).click().perform();
        WebElement lat = driver.findElement(By.id("add-place-lat"));
        WebElement lng = driver.findElement(By.id("add-place-lng"));
        browser.waitUpTo(Duration.ofSeconds(5)).until(d -> !lat.getDomProperty("value").isEmpty());
        String clickedLat = lat.getDomProperty("value");
        String clickedLng = lng.getDomProperty("value");
        assertThat(driver.findElements(By.cssSelector("#place-picker path.leaflet-interactive")))
                .as("the circle drawn where the map was clicked")
                .hasSize(1);
        browser.screenshot("place-picker");

        page.add("Check the fence", null);
        page.awaitMessage("Added “Check the fence”.");
        JsonNode place = onServer("Check the fence").get("place");
        assertThat(place.get("lat").decimalValue())
                .isEqualByComparingTo(new BigDecimal(clickedLat));
        assertThat(place.get("lng").decimalValue())
                .isEqualByComparingTo(new BigDecimal(clickedLng));
        assertThat(place.get("radius_m").asInt()).isEqualTo(100);

        // The keyboard way: the same fields, typed.
        lat.sendKeys("51.5");
        lng.sendKeys("-0.12");
        driver.findElement(By.id("add-place-radius")).sendKeys("250");
        page.add("Fix the pump", null);
        page.awaitMessage("Added “Fix the pump”.");
        JsonNode typed = onServer("Fix the pump").get("place");
        assertThat(typed.get("lat").decimalValue()).isEqualByComparingTo("51.5");
        assertThat(typed.get("lng").decimalValue()).isEqualByComparingTo("-0.12");
        assertThat(typed.get("radius_m").asInt()).isEqualTo(250);
    }

    @Test
    void theTeamMapShowsEachPlaceAsACircleWithItsTitleColoredByStatus() {
        Api api = service.api();
        api.post(
                "/api/v1/todos",
                account.token(),
                Map.of("title", "north well", "place", Map.of("lat", 47.38, "lng", 8.54)));
        api.post(
                "/api/v1/todos",
                account.token(),
                Map.of(
                        "title",
                        "south gate",
                        "status",
                        "in_progress",
                        "place",
                        Map.of("lat", 47.37, "lng", 8.55, "radius_m", 300)));
        api.post("/api/v1/todos", account.token(), Map.of("title", "no place"));

        new MapPage(browser, service.api().baseUrl()).openAs(account);

        browser.waitUpTo(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#map .place-label")).size() == 2);
        assertThat(
                        browser.driver().findElements(By.cssSelector("#map .place-label")).stream()
                                .map(
                                        label ->
                                                label.getText()
                                                        + " "
                                                        + label.getDomAttribute("class"))
                                .sorted()
                                .toList())
                .satisfiesExactly(
                        north ->
                                assertThat(north)
                                        .startsWith("north well")
                                        .contains("status-pending"),
                        south ->
                                assertThat(south)
                                        .startsWith("south gate")
                                        .contains("status-in_progress"));
        assertThat(browser.driver().findElements(By.cssSelector("#map path.place"))).hasSize(2);
        browser.screenshot("places-on-the-map");
    }

    @Test
    void nearestFirstListsFromMyLastPositionWithDistances() {
        Api api = service.api();
        for (Object[] todo :
                new Object[][] {
                    {"far well", 51.52}, {"near gate", 51.501}, {"mid fence", 51.505}
                }) {
            api.post(
                    "/api/v1/todos",
                    account.token(),
                    Map.of("title", todo[0], "place", Map.of("lat", todo[1], "lng", 0)));
        }
        api.post("/api/v1/todos", account.token(), Map.of("title", "anywhere"));
        api.post(
                "/api/v1/locations",
                account.token(),
                Map.of("lat", 51.5, "lng", 0, "recorded_at", Instant.now().toString()));

        page.sortBy("Nearest to me");

        page.awaitTitlesInOrder(List.of("near gate", "mid fence", "far well", "anywhere"));
        assertThat(page.todo("near gate").findElement(By.className("distance")).getText())
                .isEqualTo("111 m away");
        assertThat(page.todo("far well").findElement(By.className("distance")).getText())
                .isEqualTo("2.2 km away");
        assertThat(page.todo("anywhere").findElements(By.className("distance"))).isEmpty();
        browser.screenshot("nearest-first");
    }
}
