package io.waymark.webpage;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The to-do page as a user sees it: fills its forms, presses its buttons by their visible names,
 * and waits for the outcome to show, so the tests read as the user's steps.
 */
final class TodoPage {

    private final Browser browser;
    private final ChromeDriver driver;
    private final String baseUrl;
    private final WebDriverWait wait;
    private final ListedItems todos;

    TodoPage(Browser browser, String baseUrl) {
        this.browser = browser;
        this.driver = browser.driver();
        this.baseUrl = baseUrl;
        this.wait = browser.waitUpTo(Duration.ofSeconds(10));
        this.todos = new ListedItems(driver, wait, "#todo-list li.todo", "title", String::equals);
    }

    /** Opens the page as a new visitor: no token left over from an earlier test. */
    TodoPage open() {
        // Clear the tab's storage from a document of the same origin that runs no script, then load
        // the page.
        driver.get(baseUrl + "/favicon.svg");
        browser.script("sessionStorage.clear()");
        driver.get(baseUrl + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-form")));
        return this;
    }

    void register(String userName, String password) {
        fillSignIn(userName, password);
        signInForm().findElement(By.xpath(".//button[normalize-space()='Create account']")).click();
    }

    void signIn(String userName, String password) {
        fillSignIn(userName, password);
        signInForm().findElement(By.xpath(".//button[normalize-space()='Sign in']")).click();
    }

    void signOut() {
        driver.findElement(By.id("sign-out")).click();
        awaitSignInShown();
    }

    void awaitSignInShown() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-form")));
    }

    boolean signInShown() {
        return driver.findElement(By.id("sign-in-view")).isDisplayed();
    }

    boolean listShown() {
        return driver.findElement(By.id("todo-view")).isDisplayed();
    }

    String accountName() {
        return driver.findElement(By.id("account-name")).getText();
    }

    String storedToken() {
        return (String) browser.script("return sessionStorage.getItem('waymark.token')");
    }

    void replaceStoredToken(String token) {
        browser.script("sessionStorage.setItem('waymark.token', arguments[0])", token);
    }

    /**
     * Waits for the live message region to say something containing {@code text}, and answers all
     * it says.
     */
    String awaitMessage(String text) {
        WebElement messages = driver.findElement(By.id("messages"));
        wait.withMessage(
                        () ->
                                "message containing '"
                                        + text
                                        + "', shown: '"
                                        + messages.getText()
                                        + "'")
                .until(d -> messages.getText().contains(text));
        return messages.getText();
    }

    String messageKind() {
        return driver.findElement(By.id("messages")).getDomAttribute("class");
    }

    /**
     * Adds a to-do. The deadline is the wall-clock value of the datetime-local field
     * ("2026-12-24T18:30"): it is set through the DOM because typing into that control depends on
     * the browser's locale.
     */
    void add(String title, String deadline) {
        WebElement form = driver.findElement(By.id("add-form"));
        type(form.findElement(By.id("add-title")), title);
        if (deadline != null) {
            browser.setValue(form.findElement(By.id("add-deadline")), deadline);
        }
        form.findElement(By.xpath(".//button[normalize-space()='Add to-do']")).click();
    }

    void awaitTodo(String title) {
        todos.await(title);
    }

    void awaitTitles(List<String> expected) {
        wait.withMessage(() -> "listed " + expected + ", listed: " + titles())
                .until(
                        d ->
                                titles().stream()
                                        .sorted()
                                        .toList()
                                        .equals(expected.stream().sorted().toList()));
    }

    void awaitTitlesInOrder(List<String> expected) {
        wait.withMessage(() -> "listed in order " + expected + ", listed: " + titles())
                .until(d -> titles().equals(expected));
    }

    List<String> titles() {
        return todos.names();
    }

    WebElement todo(String title) {
        return todos.row(title);
    }

    String status(String title) {
        return todos.text(title, "status");
    }

    void awaitStatus(String title, String status) {
        todos.awaitText(title, "status", status);
    }

    /**
     * The deadline as the page shows it, and the instant the page put in the time element's
     * datetime attribute.
     */
    record Deadline(String text, String datetime) {}

    Deadline deadline(String title) {
        WebElement time = todo(title).findElement(By.cssSelector(".deadline time"));
        return new Deadline(time.getText(), time.getDomAttribute("datetime"));
    }

    WebElement button(String title, String name) {
        return todos.button(title, name);
    }

    void edit(String title, String newTitle, String description) {
        openEditor(title);
        saveEditor(newTitle, description);
        awaitTodo(newTitle);
    }

    void openEditor(String title) {
        button(title, "Edit").click();
        wait.until(d -> d.findElement(By.cssSelector("#todo-list form.edit")));
    }

    void saveEditor(String newTitle, String description) {
        WebElement form = driver.findElement(By.cssSelector("#todo-list form.edit"));
        type(form.findElement(By.name("title")), newTitle);
        type(form.findElement(By.name("description")), description);
        form.findElement(By.xpath(".//button[normalize-space()='Save']")).click();
    }

    void markComplete(String title) {
        button(title, "Mark complete").click();
        awaitStatus(title, "Completed");
    }

    void delete(String title) {
        button(title, "Delete").click();
        todos.awaitGone(title);
    }

    boolean loadMoreShown() {
        return driver.findElement(By.id("load-more")).isDisplayed();
    }

    void loadMore(int expectedCount) {
        driver.findElement(By.id("load-more")).click();
        wait.withMessage(() -> expectedCount + " to-dos listed, listed: " + titles().size())
                .until(d -> titles().size() == expectedCount);
    }

    void filter(String label) {
        new Select(driver.findElement(By.id("status-filter"))).selectByVisibleText(label);
    }

    void sortBy(String label) {
        new Select(driver.findElement(By.id("sort-order"))).selectByVisibleText(label);
    }

    String emptyListText() {
        return driver.findElement(By.id("empty")).getText();
    }

    long imageElements() {
        return (Long) browser.script("return document.querySelectorAll('img').length");
    }

    /**
     * What the browser itself makes of a datetime-local value: the instant it stands for in the
     * browser's zone.
     */
    String browserInstant(String localDateTime) {
        return (String)
                browser.script("return new Date(arguments[0]).toISOString()", localDateTime);
    }

    private WebElement signInForm() {
        return driver.findElement(By.id("sign-in-form"));
    }

    private void fillSignIn(String userName, String password) {
        type(driver.findElement(By.id("user-name")), userName);
        type(driver.findElement(By.id("password")), password);
    }

    /** Replaces what a text field holds, key by key as a user types. */
    private static void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }
}
