package io.waymark.webpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import tools.jackson.databind.JsonNode;

/**
 * The to-do page end to end in headless Chromium at phone width (390 x 844), against the real
 * service on SQLite: every step goes through the page, and the server's state is checked through
 * the API where it matters. Skipped, with the command that enables it, where Chromium is not
 * installed.
 */
class TodoPageTest extends BrowserTest {

    private static final String PASSWORD = Accounts.PASSWORD;

    private TodoPage page;

    @BeforeEach
    void openPage() {
        page = new TodoPage(browser, service.api().baseUrl()).open();
    }

    @Test
    void registeringSignsTheUserInAndSigningOutEndsTheToken() {
        String name = Accounts.uniqueName("page");
        browser.screenshot("sign-in");

        page.register(name, PASSWORD);

        page.awaitMessage("Welcome, " + name);
        assertThat(page.listShown()).isTrue();
        assertThat(page.accountName()).isEqualTo(name);
        assertThat(page.storedToken()).isNotBlank();
        assertThat(page.emptyListText()).isEqualTo("No to-dos yet. Add your first one above.");
        assertThat(browser.viewportWidth()).as("phone width").isEqualTo(390);
        assertThat(browser.horizontalOverflow())
                .as("nothing wider than the phone's screen")
                .isZero();

        String token = page.storedToken();
        page.signOut();

        page.awaitMessage("You have signed out.");
        assertThat(page.storedToken()).isNull();
        assertThat(service.api().get("/api/v1/auth/me", token).status())
                .as("the token ends on the server too, not only in the tab")
                .isEqualTo(401);
        assertThat(page.listShown()).isFalse();
        browser.driver().navigate().refresh();
        page.awaitSignInShown();
        assertThat(page.listShown()).as("a reload after signing out stays signed out").isFalse();

        page.signIn(name, PASSWORD);

        page.awaitMessage("Signed in as " + name);
        assertThat(page.accountName()).isEqualTo(name);
    }

    @Test
    void aWrongPasswordAndAnInvalidRegistrationAreExplainedInWords() {
        Accounts.Account existing = new Accounts(service).user();

        page.signIn(existing.userName(), "not-the-right-password");

        page.awaitMessage("The user name or password is wrong");
        assertThat(page.messageKind()).contains("error");
        assertThat(page.signInShown()).isTrue();
        assertThat(page.storedToken()).isNull();
        browser.screenshot("sign-in-error");

        page.register(Accounts.uniqueName("page"), "too short");

        page.awaitMessage("Password: must be at least 12 characters");
        assertThat(browser.driver().findElement(By.id("password")).getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(page.storedToken()).isNull();
    }

    @Test
    void todosAreAddedEditedCompletedFilteredSortedAndDeleted() {
        String name = registerAndSignIn();

        page.add("Buy rope", "2026-12-24T18:30");

        page.awaitMessage("Added “Buy rope”.");
        assertThat(page.status("Buy rope")).isEqualTo("Pending");
        TodoPage.Deadline deadline = page.deadline("Buy rope");
        assertThat(Instant.parse(deadline.datetime()))
                .isEqualTo(Instant.parse(page.browserInstant("2026-12-24T18:30")));
        assertThat(deadline.text()).contains("2026");

        page.edit("Buy rope", "Buy climbing rope", "60 m, dry treated");

        page.awaitMessage("Saved “Buy climbing rope”.");
        assertThat(page.titles()).containsExactly("Buy climbing rope");
        assertThat(page.todo("Buy climbing rope").getText()).contains("60 m, dry treated");
        assertThat(page.deadline("Buy climbing rope").datetime())
                .as("an edit keeps the deadline")
                .isEqualTo(deadline.datetime());

        page.add("Check the weather", null);
        page.awaitTodo("Check the weather");
        page.markComplete("Buy climbing rope");

        assertThat(page.status("Check the weather")).isEqualTo("Pending");
        assertThat(page.button("Buy climbing rope", "Reopen").getAccessibleName())
                .isEqualTo("Reopen “Buy climbing rope”");
        page.filter("Completed");
        page.awaitTitles(List.of("Buy climbing rope"));
        page.filter("Pending");
        page.awaitTitles(List.of("Check the weather"));
        page.filter("In progress");
        page.awaitTitles(List.of());
        assertThat(page.emptyListText()).isEqualTo("No in progress to-dos.");
        page.filter("All");
        page.awaitTitlesInOrder(List.of("Check the weather", "Buy climbing rope"));
        page.sortBy("Deadline");
        page.awaitTitlesInOrder(List.of("Buy climbing rope", "Check the weather"));
        assertThat(browser.horizontalOverflow()).isZero();
        browser.fullPageScreenshot("todo-page");
        browser.screenshot("todo-page-screen");

        String token = new Accounts(service).signIn(name, PASSWORD);
        JsonNode saved = todoOnServer(token, "Buy climbing rope");
        assertThat(saved.get("status").asString()).isEqualTo("completed");
        assertThat(saved.get("description").asString()).isEqualTo("60 m, dry treated");
        assertThat(Instant.parse(saved.get("deadline").asString()))
                .isEqualTo(Instant.parse(deadline.datetime()));

        page.delete("Check the weather");

        page.awaitMessage("Deleted “Check the weather”.");
        assertThat(page.titles()).containsExactly("Buy climbing rope");
        assertThat(todoOnServer(token, "Check the weather")).as("deleted on the server").isNull();
    }

    @Test
    void anEditDoesNotOverwriteAChangeMadeElsewhereMeanwhile() {
        String name = registerAndSignIn();
        page.add("Pack the tent", null);
        page.openEditor("Pack the tent");
        String token = new Accounts(service).signIn(name, PASSWORD);
        String id = todoOnServer(token, "Pack the tent").get("id").asString();
        assertThat(
                        service.api()
                                .patch(
                                        "/api/v1/todos/" + id,
                                        token,
                                        Map.of("title", "Pack the big tent"))
                                .status())
                .isEqualTo(200);

        page.saveEditor("Pack the small tent", "");

        page.awaitMessage("This to-do was changed somewhere else in the meantime.");
        page.awaitTitles(List.of("Pack the big tent"));
        assertThat(todoOnServer(token, "Pack the big tent"))
                .as("the other change survives")
                .isNotNull();
    }

    @Test
    void aLongListShowsAPageAtATimeAndLoadsTheRestOnRequest() {
        Accounts.Account owner = new Accounts(service).user();
        for (int i = 1; i <= 53; i++) {
            assertThat(
                            service.api()
                                    .post(
                                            "/api/v1/todos",
                                            owner.token(),
                                            Map.of("title", "Waypoint " + i))
                                    .status())
                    .isEqualTo(201);
        }

        page.signIn(owner.userName(), PASSWORD);

        page.awaitMessage("Signed in as " + owner.userName());
        assertThat(page.titles()).hasSize(50).startsWith("Waypoint 53", "Waypoint 52");
        assertThat(page.loadMoreShown()).isTrue();
        page.loadMore(53);
        assertThat(page.titles()).endsWith("Waypoint 2", "Waypoint 1").doesNotHaveDuplicates();
        assertThat(page.loadMoreShown()).isFalse();
    }

    @Test
    void aTitleWithMarkupIsShownAsLiteralText() {
        registerAndSignIn();
        String markup = "<img src=x onerror=alert(1)>";

        page.add(markup, null);

        page.awaitMessage("Added “" + markup + "”.");
        assertThat(page.todo(markup).findElement(By.className("title")).getText())
                .isEqualTo(markup);
        // CSP alone would stop the handler from running; no img element at all proves the title was
        // never parsed.
        assertThat(page.imageElements()).isZero();
        assertThatThrownBy(() -> browser.driver().switchTo().alert())
                .isInstanceOf(NoAlertPresentException.class);
        browser.screenshot("todo-markup-title");
    }

    @Test
    void theSmallestPhoneScreenNeedsNoSidewaysScrolling() {
        registerAndSignIn();
        String longTitle =
                "Check-every-anchor-bolt-on-the-north-ridge-route-before-the-season-opens"
                        .repeat(2);
        page.add(longTitle, "2026-12-24T18:30");
        page.awaitTodo(longTitle);
        page.button(longTitle, "Edit").click();

        browser.useScreen(320, 640);
        try {
            assertThat(browser.viewportWidth())
                    .as("wider than the screen: %s", browser.elementsBeyond(320))
                    .isEqualTo(320);
            assertThat(browser.horizontalOverflow()).isZero();
            browser.fullPageScreenshot("todo-page-320");
        } finally {
            browser.usePhoneScreen();
        }
    }

    @Test
    void aRejectedTokenSendsTheUserBackToSignIn() {
        registerAndSignIn();
        page.replaceStoredToken("expired-or-revoked");

        page.filter("Completed");

        page.awaitSignInShown();
        page.awaitMessage("Your session has ended. Please sign in again.");
        assertThat(page.listShown()).isFalse();
        assertThat(page.storedToken()).isNull();
    }

    private String registerAndSignIn() {
        String name = Accounts.uniqueName("page");
        page.register(name, PASSWORD);
        page.awaitMessage("Welcome, " + name);
        return name;
    }

    private JsonNode todoOnServer(String token, String title) {
        Api.Response response = service.api().get("/api/v1/todos?limit=200", token);
        assertThat(response.status()).isEqualTo(200);
        return response.json()
                .get("items")
                .valueStream()
                .filter(todo -> title.equals(todo.get("title").asString()))
                .findFirst()
                .orElse(null);
    }
}
