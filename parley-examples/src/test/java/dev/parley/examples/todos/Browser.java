package dev.parley.examples.todos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP API with {@code
 * java.net.http}: just what the web-page test needs (navigate, find, click, type, read, run a
 * script, wait). Fails at once, saying what to install, when Chromium or chromedriver is missing.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(env("CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);
  static final Duration WAIT_LIMIT = Duration.ofSeconds(15);
  static final Duration POLL_EVERY = Duration.ofMillis(50);
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process driver;
  private final Path profile;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI session;
  private final URI sessionPrefix;

  private Browser(Process driver, Path profile, URI base) throws Exception {
    this.driver = driver;
    this.profile = profile;
    Map<String, Object> chrome = Map.of(
        "binary", CHROMIUM.toString(),
        "args", List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--window-size=1024,768",
            "--user-data-dir=" + profile));
    JsonNode created = send("POST", base.resolve("/session"),
        Map.of("capabilities", Map.of("alwaysMatch",
            Map.of("browserName", "chrome", "goog:chromeOptions", chrome))));
    this.session = base.resolve("/session/" + created.get("sessionId").asString());
    this.sessionPrefix = URI.create(session + "/");
  }

  /** Starts chromedriver and a fresh headless Chromium with a new, throw-away profile. */
  static Browser start() throws Exception {
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        throw new AssertionError(p + " is missing: the browser test needs Chromium and chromedriver"
            + " (Debian: apt-get install chromium chromium-driver; or set CHROMIUM / CHROMEDRIVER)");
      }
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path profile = Files.createTempDirectory("parley-chromium-");
    Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    URI base = URI.create("http://127.0.0.1:" + port);
    try {
      awaitReady(base);
      return new Browser(driver, profile, base);
    } catch (Exception | AssertionError e) {
      driver.destroyForcibly();
      deleteTree(profile);
      throw e;
    }
  }

  private static void awaitReady(URI base) throws InterruptedException {
    HttpClient probe = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = probe.send(HttpRequest.newBuilder(base.resolve("/status")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (JSON.readTree(r.body()).path("value").path("ready").asBoolean(false)) {
          return;
        }
      } catch (IOException notYet) {
        // chromedriver is not listening yet
      }
      Thread.sleep(POLL_EVERY);
    }
    throw new AssertionError("chromedriver did not get ready within " + STARTUP_LIMIT);
  }

  void open(String url) throws Exception {
    command("POST", "url", Map.of("url", url));
  }

  /** The id of the first element matching {@code css}. */
  String find(String css) throws Exception {
    return command("POST", "element", Map.of("using", "css selector", "value", css)).get(ELEMENT).asString();
  }

  void click(String element) throws Exception {
    command("POST", "element/" + element + "/click", Map.of());
  }

  void type(String element, String text) throws Exception {
    command("POST", "element/" + element + "/value", Map.of("text", text));
  }

  void clear(String element) throws Exception {
    command("POST", "element/" + element + "/clear", Map.of());
  }

  /** The rendered text of an element; empty when it is hidden. */
  String text(String element) throws Exception {
    return command("GET", "element/" + element + "/text", null).asString();
  }

  /** Runs {@code script} (a function body) in the page and returns its JSON result. */
  JsonNode script(String script) throws Exception {
    return command("POST", "execute/sync", Map.of("script", script, "args", List.of()));
  }

  /**
   * Polls {@code condition} until it holds, or fails after {@link #WAIT_LIMIT} naming what was
   * awaited and showing the page's text.
   */
  void waitUntil(String what, Check condition) throws Exception {
    long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
    while (true) {
      if (condition.holds()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + WAIT_LIMIT + " for " + what + "; the page shows:\n"
            + script("return document.body.innerText").asString());
      }
      Thread.sleep(POLL_EVERY);
    }
  }

  /** A condition on the page, polled by {@link #waitUntil}. */
  @FunctionalInterface
  interface Check {
    boolean holds() throws Exception;
  }

  /** Ends the session, stops chromedriver (and so Chromium) and deletes the profile. */
  @Override
  public void close() {
    try {
      send("DELETE", session, null);
    } catch (Exception e) {
      throw new AssertionError("could not end the WebDriver session " + session, e);
    } finally {
      driver.destroy();
      try {
        if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          driver.destroyForcibly();
        }
      } catch (InterruptedException e) {
        driver.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      deleteTree(profile);
    }
  }

  private JsonNode command(String method, String path, @Nullable Object body) throws Exception {
    return send(method, sessionPrefix.resolve(path), body);
  }

  private JsonNode send(String method, URI uri, @Nullable Object body) throws Exception {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    HttpRequest request = HttpRequest.newBuilder(uri)
        .method(method, publisher)
        .header("content-type", "application/json")
        .timeout(Duration.ofSeconds(60))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode value = JSON.readTree(response.body()).path("value");
    if (response.statusCode() != 200) {
      throw new AssertionError("WebDriver " + method + " " + uri + " answered " + response.statusCode()
          + ": " + value.path("error").asString("") + " " + value.path("message").asString(""));
    }
    return value;
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
