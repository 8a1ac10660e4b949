package dev.parley.examples.todos;

import static dev.parley.examples.todos.BrowserWindows.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The demo page's chat, the channel {@code room}, in two headless Chromium windows: both join
 * the same room under their names and each sees what the other says, named by who said it; a
 * third window in another room hears none of it. Fails (is never skipped) when Chromium or
 * chromedriver is missing.
 */
class ChatPageBrowserTest {

  @RegisterExtension final BrowserWindows windows = new BrowserWindows();

  @Test
  void twoWindowsInOneRoomChatWithEachOtherAndAnotherRoomHearsNothing() {
    List<ChromeDriver> abc = windows.open(windows.demoPage(), 3);
    join(abc.get(0), "ada", "general");
    join(abc.get(1), "bob", "general");
    join(abc.get(2), "cy", "kitchen");

    say(abc.get(0), "hello bob");
    waitFor(abc.get(1), "ada's message in bob's window")
        .until(w -> messages(w).contains("ada: hello bob"));
    say(abc.get(1), "hi ada");
    waitFor(abc.get(0), "bob's answer in ada's window")
        .until(w -> messages(w).equals(List.of("ada: hello bob", "bob: hi ada")));
    waitFor(abc.get(1), "both messages in bob's window")
        .until(w -> messages(w).equals(List.of("ada: hello bob", "bob: hi ada")));

    say(abc.get(2), "anyone?");
    waitFor(abc.get(2), "cy's own message").until(w -> messages(w).equals(List.of("cy: anyone?")));
    assertThat(messages(abc.get(0))).containsExactly("ada: hello bob", "bob: hi ada");
  }

  @Test
  void aBlankNameIsRefusedWithTheServersReason() {
    ChromeDriver a = windows.open(windows.demoPage());
    join(a, " ", "general");
    WebElement status = a.findElement(By.id("chat-status"));
    waitFor(a, "the refusal").until(w -> status.getText().startsWith("Could not join"));
    assertThat(a.findElement(By.id("chat-text")).isEnabled()).isFalse();
  }

  private static void join(ChromeDriver window, String name, String room) {
    waitFor(window, "the page's WebSocket").until(w -> ((org.openqa.selenium.JavascriptExecutor) w)
        .executeScript("return socket !== null && socket.readyState === 1").equals(Boolean.TRUE));
    window.findElement(By.id("chat-name")).sendKeys(name);
    WebElement roomInput = window.findElement(By.id("chat-room"));
    roomInput.clear();
    roomInput.sendKeys(room);
    window.findElement(By.id("chat-join-button")).click();
    if (!name.isBlank()) {
      waitFor(window, name + " in the room")
          .until(w -> w.findElement(By.id("chat-text")).isEnabled());
    }
  }

  private static void say(ChromeDriver window, String text) {
    window.findElement(By.id("chat-text")).sendKeys(text);
    window.findElement(By.id("chat-send")).click();
  }

  private static List<String> messages(WebDriver window) {
    return window.findElements(By.cssSelector("#chat-messages li")).stream()
        .map(WebElement::getText).toList();
  }
}
