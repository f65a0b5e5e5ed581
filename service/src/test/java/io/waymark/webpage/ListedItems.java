package io.waymark.webpage;

import java.util.List;
import java.util.function.BiPredicate;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A list on the page whose rows a user tells apart by a visible name (the to-dos by title, the team
 * by user name): finds a row by it, reads a part of the row, presses a row's button by its label,
 * and waits for rows and values to show.
 */
final class ListedItems {

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String rows;
    private final String nameClass;
    private final BiPredicate<String, String> shownAs;

    /**
     * @param rows the CSS selector of the rows
     * @param nameClass the class of the element in a row that holds its name
     * @param shownAs whether a name as the row shows it is the name a test gives
     */
    ListedItems(
            ChromeDriver driver,
            WebDriverWait wait,
            String rows,
            String nameClass,
            BiPredicate<String, String> shownAs) {
        this.driver = driver;
        this.wait = wait;
        this.rows = rows;
        this.nameClass = nameClass;
        this.shownAs = shownAs;
    }

    /** The names as shown, in list order. */
    List<String> names() {
        return driver.findElements(By.cssSelector(rows + " ." + nameClass)).stream()
                .map(WebElement::getText)
                .toList();
    }

    void await(String name) {
        wait.withMessage(() -> "'" + name + "' listed, listed: " + names())
                .until(d -> find(name) != null);
    }

    void awaitGone(String name) {
        wait.withMessage(() -> "'" + name + "' gone, listed: " + names())
                .until(d -> find(name) == null);
    }

    /** The row of this name, once it is listed. */
    WebElement row(String name) {
        await(name);
        return find(name);
    }

    /** The text of the part of the row with this class. */
    String text(String name, String partClass) {
        return row(name).findElement(By.className(partClass)).getText();
    }

    void awaitText(String name, String partClass, String expected) {
        wait.withMessage(
                        () ->
                                "'"
                                        + name
                                        + "' "
                                        + partClass
                                        + " '"
                                        + expected
                                        + "', shown: '"
                                        + text(name, partClass)
                                        + "'")
                .until(d -> expected.equals(text(name, partClass)));
    }

    WebElement button(String name, String label) {
        return row(name).findElement(By.xpath(".//button[normalize-space()='" + label + "']"));
    }

    List<String> buttons(String name) {
        return row(name).findElements(By.tagName("button")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private WebElement find(String name) {
        return driver.findElements(By.cssSelector(rows)).stream()
                .filter(
                        row ->
                                row.findElements(By.className(nameClass)).stream()
                                        .anyMatch(shown -> shownAs.test(shown.getText(), name)))
                .findFirst()
                .orElse(null);
    }
}
