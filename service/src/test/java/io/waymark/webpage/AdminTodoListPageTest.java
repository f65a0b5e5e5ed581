package io.waymark.webpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Accounts;
import io.waymark.testing.Accounts.Account;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 23, item 3: an admin's list says it is everyone's, names each to-do's owner, and narrows to
 * one person (GET /todos?owner_id=…); a user's list stays "Your to-dos", without owners or the
 * choice.
 */
class AdminTodoListPageTest extends BrowserTest {

    @Test
    void anAdminSeesWhoseEachToDoIsAndCanShowOnePersonsOnly() {
        Accounts accounts = new Accounts(service);
        Account alice = accounts.user();
        Account bob = accounts.user();
        Account boss = accounts.admin();
        add(alice, "Alice checks the pump");
        add(bob, "Bob reads the meter");
        add(boss, "Boss signs the report");
        TodoPage page = new TodoPage(browser, service.api().baseUrl());
        WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(10));

        page.open();
        page.signIn(boss.userName(), Accounts.PASSWORD);
        page.awaitTodo("Alice checks the pump");
        page.awaitTodo("Bob reads the meter");

        assertThat(heading()).isEqualTo("Everyone’s to-dos");
        assertThat(owner(page, "Alice checks the pump")).isEqualTo("Owner: " + alice.userName());
        assertThat(owner(page, "Bob reads the meter")).isEqualTo("Owner: " + bob.userName());
        assertThat(owner(page, "Boss signs the report"))
                .isEqualTo("Owner: " + boss.userName() + " (you)");
        Select person = new Select(browser.driver().findElement(By.id("owner-filter")));
        assertThat(person.getOptions().stream().map(WebElement::getText))
                .contains("Everyone", alice.userName(), bob.userName(), boss.userName() + " (you)");

        person.selectByVisibleText(alice.userName());

        page.awaitTitles(List.of("Alice checks the pump"));
        wait.until(d -> heading().equals(alice.userName() + "’s to-dos"));
        assertThat(owner(page, "Alice checks the pump")).isEqualTo("Owner: " + alice.userName());

        person.selectByVisibleText("Everyone");
        page.awaitTodo("Bob reads the meter");
        assertThat(heading()).isEqualTo("Everyone’s to-dos");

        // Someone who registers while the admin's page is open is named, not shown as an id.
        Account dave = accounts.user();
        add(dave, "Dave fixes the gate");
        page.filter("Pending");
        page.awaitTodo("Dave fixes the gate");
        assertThat(owner(page, "Dave fixes the gate")).isEqualTo("Owner: " + dave.userName());
        assertThat(browser.horizontalOverflow())
                .as("nothing wider than the phone: %s", browser.elementsBeyond(390))
                .isZero();
    }

    @Test
    void aUsersListIsTheirsWithoutOwnersOrAPersonChoice() {
        Account carol = new Accounts(service).user();
        add(carol, "Carol waters the plants");
        TodoPage page = new TodoPage(browser, service.api().baseUrl());

        page.open();
        page.signIn(carol.userName(), Accounts.PASSWORD);
        page.awaitTitles(List.of("Carol waters the plants"));

        assertThat(heading()).isEqualTo("Your to-dos");
        assertThat(page.todo("Carol waters the plants").findElements(By.className("owner")))
                .isEmpty();
        assertThat(browser.driver().findElement(By.id("owner-filter-field")).isDisplayed())
                .isFalse();
    }

    private static void add(Account owner, String title) {
        var created = service.api().post("/api/v1/todos", owner.token(), Map.of("title", title));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
    }

    private static String heading() {
        return browser.driver().findElement(By.id("todo-heading")).getText();
    }

    private static String owner(TodoPage page, String title) {
        return page.todo(title).findElement(By.className("owner")).getText();
    }
}
