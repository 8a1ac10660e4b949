package dev.parley.examples.todos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.jetty.JettyTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's web page in headless Chromium, served by the demo itself on a free port: it lists the
 * todos, adds one through the form, deletes it, and shows a validation error next to the input.
 * Fails (is never skipped) when Chromium or chromedriver is missing.
 */
class WebPageBrowserTest {

  static JettyTransport demo;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    demo = TodoDemo.start("127.0.0.1", 0);
    browser = Browser.start();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (demo != null) {
        demo.close();
      }
    }
  }

  @Test
  void listsAddsAndDeletesTodosAndShowsValidationErrors() throws Exception {
    browser.open("http://127.0.0.1:" + demo.port() + "/");
    browser.waitUntil("the two seeded todos", () -> texts().size() == 2);
    assertThat(texts()).containsExactly("Read the overview", "Try the quickstart");
    assertThat(browser.text(browser.find("#count"))).isEqualTo("2 todos");

    String input = browser.find("#todo-text");
    browser.type(input, "Buy milk");
    browser.click(browser.find("#add-button"));
    browser.waitUntil("the new todo in the list", () -> texts().contains("Buy milk"));
    assertThat(texts()).containsExactly("Read the overview", "Try the quickstart", "Buy milk");
    assertThat(browser.script("return document.getElementById('todo-text').value").asString()).isEmpty();
    assertThat(browser.text(browser.find("#resources"))).isEqualTo("todo/3, todos");

    browser.click(browser.find("#todo-list li[data-id='3'] button.delete"));
    browser.waitUntil("the deleted todo to leave the list", () -> !texts().contains("Buy milk"));
    assertThat(texts()).containsExactly("Read the overview", "Try the quickstart");

    browser.click(browser.find("#add-button"));
    String error = browser.find("#todo-error");
    browser.waitUntil("a validation error next to the input", () -> !browser.text(error).isEmpty());
    assertThat(browser.text(error)).contains("200");
    assertThat(browser.script("return document.getElementById('todo-text').getAttribute('aria-invalid')")
        .asString()).isEqualTo("true");
    assertThat(texts()).hasSize(2);

    browser.type(input, "Walk the dog");
    browser.click(browser.find("#add-button"));
    browser.waitUntil("the error to clear once a valid todo is added", () -> browser.text(error).isEmpty());
    assertThat(texts()).endsWith("Walk the dog");
  }

  /** The texts of the listed todos, read in one go so that a re-render cannot interleave. */
  private static List<String> texts() throws Exception {
    List<String> texts = new ArrayList<>();
    browser.script("return [...document.querySelectorAll('#todo-list li .text')].map(e => e.textContent)")
        .forEach(t -> texts.add(t.asString()));
    return texts;
  }
}
