package dev.parley.examples.todos;

import static dev.parley.examples.todos.BrowserWindows.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The static site in headless Chromium, opened from the disk ({@code file://}) with no server
 * running: the page answers its queries from the dump and turns off its actions.
 */
class StaticSiteBrowserTest {
  @RegisterExtension final BrowserWindows windows = new BrowserWindows();

  @TempDir Path dir;

  @Test
  void thePageOpenedFromTheDiskShowsTheDumpedTodosReadOnly() throws Exception {
    Path index = StaticSite.write(dir);

    ChromeDriver browser = windows.open(index.toUri().toString());
    waitFor(browser, "the two dumped todos").until(w -> texts(w).size() == 2);
    assertThat(texts(browser)).containsExactly("Read the overview", "Try the quickstart");
    waitFor(browser, "the build info").until(w -> !w.findElement(By.id("build")).getText().isEmpty());
    assertThat(browser.findElement(By.id("build")).getText()).startsWith("v" + TodoServer.VERSION);
    assertThat(browser.findElement(By.id("static-note")).getText()).contains("no server");

    WebElement add = browser.findElement(By.id("add-button"));
    assertThat(add.isEnabled()).isFalse();
    assertThat(browser.findElement(By.id("todo-text")).isEnabled()).isFalse();
    assertThat(browser.findElements(By.cssSelector("#todo-list button.delete")))
        .hasSize(2).noneMatch(WebElement::isEnabled);
    assertThat(browser.findElement(By.id("status")).isDisplayed()).isFalse();
  }

  private static List<String> texts(WebDriver window) {
    Object texts = ((JavascriptExecutor) window).executeScript(
        "return [...document.querySelectorAll('#todo-list li .text')].map(e => e.textContent)");
    return ((List<?>) texts).stream().map(String.class::cast).toList();
  }
}
