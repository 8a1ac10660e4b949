package dev.parley.examples.todos;

import dev.parley.jetty.JettyTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Independent headless Chromium windows for browser tests, driven by Selenium through the system's
 * chromedriver. Each window is a browser of its own (its own chromedriver, Chromium process and
 * throw-away profile), so two windows share nothing but the server they talk to, as two users'
 * browsers would. Registered as a field, it closes every window a test opened once that test ends:
 *
 * <pre>{@code
 * @RegisterExtension final BrowserWindows windows = new BrowserWindows();
 * ...
 * List<ChromeDriver> ab = windows.open("http://127.0.0.1:" + port + "/", 2);
 * BrowserWindows.waitFor(ab.get(1), "the page's title").until(w -> !w.getTitle().isEmpty());
 * }</pre>
 *
 * <p>Chromium is {@code /usr/bin/chromium} and chromedriver {@code /usr/bin/chromedriver} unless
 * the environment variables {@code CHROMIUM} and {@code CHROMEDRIVER} name others. When either is
 * missing, {@link #open} fails (the test is never skipped) saying what to install. Both paths are
 * handed to Selenium, so Selenium Manager has nothing to look up and never runs.
 */
final class BrowserWindows implements AfterEachCallback {

  static final Path CHROMIUM = Path.of(env("CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));

  /** How long {@link #waitFor} waits before failing: 15 seconds. */
  static final Duration WAIT_LIMIT = Duration.ofSeconds(15);

  /** How often {@link #waitFor} checks its condition: every 50 milliseconds. */
  static final Duration POLL_EVERY = Duration.ofMillis(50);

  /** A window and the profile directory it alone uses. */
  private record Window(ChromeDriver driver, Path profile) {}

  private final List<Window> opened = new ArrayList<>();
  private @Nullable JettyTransport demo;

  /**
   * The demo's page, {@code http://127.0.0.1:PORT/}: the demo ({@link TodoDemo}) is started on a
   * free port at the first call of a test, and stopped after it, once its windows are closed.
   */
  String demoPage() {
    if (demo == null) {
      demo = TodoDemo.start("127.0.0.1", 0);
    }
    return "http://127.0.0.1:" + demo.port() + "/";
  }

  /**
   * Starts {@code count} independent browsers and opens {@code url} in each. They are closed after
   * the test that opened them.
   */
  List<ChromeDriver> open(String url, int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("count: " + count + " (expected: > 0)");
    }
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        throw new AssertionError(p + " is missing: the browser test needs Chromium and chromedriver"
            + " (Debian: apt-get install chromium chromium-driver; or set CHROMIUM / CHROMEDRIVER)");
      }
    }
    List<ChromeDriver> windows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ChromeDriver window = start();
      window.get(url);
      windows.add(window);
    }
    return List.copyOf(windows);
  }

  /** Starts one browser and opens {@code url} in it; closed after the test. */
  ChromeDriver open(String url) {
    return open(url, 1).getFirst();
  }

  /**
   * A wait on {@code window} of at most {@link #WAIT_LIMIT}, checking every {@link #POLL_EVERY};
   * when it runs out, its failure names what was awaited and shows the page's text.
   */
  static Wait<WebDriver> waitFor(WebDriver window, String what) {
    return new WebDriverWait(window, WAIT_LIMIT, POLL_EVERY)
        .withMessage(() -> "waiting for " + what + "; the page shows:\n" + pageText(window));
  }

  /** Ends every window's session (which stops its chromedriver and Chromium), deletes its profile. */
  @Override
  public void afterEach(ExtensionContext context) {
    RuntimeException failed = null;
    for (Window w : opened) {
      try {
        w.driver().quit();
      } catch (RuntimeException e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      } finally {
        deleteTree(w.profile());
      }
    }
    opened.clear();
    if (demo != null) {
      demo.close();
      demo = null;
    }
    if (failed != null) {
      throw failed;
    }
  }

  private ChromeDriver start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("parley-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--window-size=1024,768",
            "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      opened.add(new Window(driver, profile));
      return driver;
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
  }

  private static String pageText(WebDriver window) {
    try {
      return window.findElement(By.tagName("body")).getText();
    } catch (WebDriverException e) {
      return "(unreadable: " + e.getClass().getSimpleName() + ")";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is not worth failing a test for
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
