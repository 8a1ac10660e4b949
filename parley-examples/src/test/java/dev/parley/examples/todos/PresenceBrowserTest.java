package dev.parley.examples.todos;

import static dev.parley.examples.todos.BrowserWindows.waitFor;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The demo page's presence count in headless Chromium: each window's WebSocket joins the presence
 * room when it says hello, and every window shows how many are online, pushed by the server as the
 * event {@code presence} when one comes or goes. Fails (is never skipped) when Chromium or
 * chromedriver is missing.
 */
class PresenceBrowserTest {

  @RegisterExtension final BrowserWindows windows = new BrowserWindows();

  @Test
  void everyWindowShowsHowManyAreOnlineAsTheyComeAndGo() {
    List<ChromeDriver> ab = windows.open(windows.demoPage(), 2);
    for (ChromeDriver w : ab) {
      waitFor(w, "2 online").until(d -> online(d).equals("2 online"));
    }
    ab.get(1).quit(); // window B goes away, and its WebSocket with it
    waitFor(ab.get(0), "1 online after window B left").until(d -> online(d).equals("1 online"));
  }

  private static String online(WebDriver window) {
    return window.findElement(By.id("online")).getText();
  }
}
