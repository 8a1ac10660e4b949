package dev.parley.examples.todos;

import static dev.parley.examples.todos.BrowserWindows.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The demo's web page in headless Chromium, served by a fresh demo on a free port for each test: it
 * lists the todos, adds one through the form, deletes it, shows a validation error next to the
 * input, and a todo added or deleted in one browser window shows in another with no reload (the
 * server pushes {@code parley.invalidate} over the page's WebSocket). Fails (is never
 * skipped) when Chromium or chromedriver is missing.
 */
class WebPageBrowserTest {

  @RegisterExtension final BrowserWindows windows = new BrowserWindows();

  @Test
  void listsAddsAndDeletesTodosAndShowsValidationErrors() {
    ChromeDriver browser = windows.open(windows.demoPage());
    waitFor(browser, "the two seeded todos").until(w -> texts(w).size() == 2);
    assertThat(texts(browser)).containsExactly("Read the overview", "Try the quickstart");
    assertThat(browser.findElement(By.id("count")).getText()).isEqualTo("2 todos");

    WebElement input = browser.findElement(By.id("todo-text"));
    input.sendKeys("Buy milk");
    browser.findElement(By.id("add-button")).click();
    waitFor(browser, "the new todo in the list").until(w -> texts(w).contains("Buy milk"));
    assertThat(texts(browser)).containsExactly("Read the overview", "Try the quickstart", "Buy milk");
    assertThat(input.getDomProperty("value")).isEmpty();
    assertThat(browser.findElement(By.id("resources")).getText()).isEqualTo("todo/3, todos");

    browser.findElement(By.cssSelector("#todo-list li[data-id='3'] button.delete")).click();
    waitFor(browser, "the deleted todo to leave the list").until(w -> !texts(w).contains("Buy milk"));
    assertThat(texts(browser)).containsExactly("Read the overview", "Try the quickstart");

    browser.findElement(By.id("add-button")).click();
    WebElement error = browser.findElement(By.id("todo-error"));
    waitFor(browser, "a validation error next to the input").until(w -> !error.getText().isEmpty());
    assertThat(error.getText()).contains("200");
    assertThat(input.getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(texts(browser)).hasSize(2);

    input.sendKeys("Walk the dog");
    browser.findElement(By.id("add-button")).click();
    waitFor(browser, "the error to clear once a valid todo is added").until(w -> error.getText().isEmpty());
    assertThat(texts(browser)).endsWith("Walk the dog");
  }

  @Test
  void aTodoAddedOrDeletedInOneWindowShowsInAnotherWithoutAReload() {
    List<ChromeDriver> ab = windows.open(windows.demoPage(), 2);
    ChromeDriver a = ab.get(0);
    ChromeDriver b = ab.get(1);
    for (ChromeDriver w : ab) {
      waitFor(w, "the two seeded todos").until(d -> texts(d).size() == 2);
    }

    ((JavascriptExecutor) b).executeScript("window.notReloaded = true");
    a.findElement(By.id("todo-text")).sendKeys("Call the plumber");
    a.findElement(By.id("add-button")).click();
    waitFor(a, "the new todo in window A").until(d -> texts(d).contains("Call the plumber"));

    waitFor(b, "window A's todo in window B, pushed by the server")
        .until(d -> texts(d).contains("Call the plumber"));
    assertThat(texts(b)).containsExactly("Read the overview", "Try the quickstart", "Call the plumber");

    b.findElement(By.cssSelector("#todo-list li[data-id='1'] button.delete")).click();
    waitFor(a, "window B's delete in window A").until(d -> !texts(d).contains("Read the overview"));
    assertThat(texts(a)).containsExactly("Try the quickstart", "Call the plumber");
    assertThat(((JavascriptExecutor) b).executeScript("return window.notReloaded"))
        .as("window B was never reloaded").isEqualTo(true);
  }

  /** The texts of the listed todos, read in one go so that a re-render cannot interleave. */
  private static List<String> texts(WebDriver window) {
    Object texts = ((JavascriptExecutor) window).executeScript(
        "return [...document.querySelectorAll('#todo-list li .text')].map(e => e.textContent)");
    return ((List<?>) texts).stream().map(String.class::cast).toList();
  }
}
