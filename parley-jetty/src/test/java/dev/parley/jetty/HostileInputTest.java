package dev.parley.jetty;

import static dev.parley.jetty.TestApi.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests no well-behaved client sends, through the real Jetty transport: each is answered with
 * Parley's JSON error envelope and a 4xx status, nothing runs that should not, no Java class is
 * named, and a normal call right after it succeeds.
 */
class HostileInputTest {
  private static final String HOST = "Host: 127.0.0.1\r\n";

  private TestApi api;
  private JettyTransport transport;
  private HttpClient http;

  @BeforeEach
  void start() {
    api = new TestApi();
    transport = JettyTransport.builder(api.server).host("127.0.0.1")
        .requestReadTimeout(Duration.ofSeconds(2)).start();
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    http.close();
    transport.close();
  }

  private String raw(String request) throws Exception {
    try (RawHttp c = new RawHttp(transport.port())) {
      return c.send(request).readAll(3000);
    }
  }

  /** A 4xx JSON error envelope with this status and code, naming no class. */
  private static void assertJsonError(String answer, int status, String code) {
    assertThat(RawHttp.status(answer)).as(answer).isEqualTo(status);
    assertThat(answer.toLowerCase()).contains("content-type: application/json");
    assertThat(RawHttp.body(answer)).contains("\"code\":\"" + code + "\"")
        .doesNotContain("java.", "Exception", "<html");
  }

  private void assertNothingAddedAndStillServing() {
    assertThat(TestApi.get(http, at(transport, "/todos.list")).body())
        .isEqualTo("{\"result\":{\"data\":[{\"id\":1,\"text\":\"milk\"}]}}");
  }

  private static String post(String path, String headers, String body) {
    return "POST /parley/" + path + " HTTP/1.1\r\n" + HOST + headers
        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
  }

  @Test
  void refusesAnInvalidChunkInJson() throws Exception {
    String answer = raw("POST /parley/todos.add HTTP/1.1\r\n" + HOST
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");
    assertJsonError(answer, 400, "BAD_REQUEST");
    assertNothingAddedAndStillServing();
  }

  @Test
  void refusesJettysOwnRefusalsInJson() throws Exception {
    assertJsonError(raw("GET /parley/" + "x".repeat(20_000) + " HTTP/1.1\r\n" + HOST + "\r\n"),
        414, "BAD_REQUEST");
    assertJsonError(raw("GET /parley/todos.list HTTP/1.1\r\n" + HOST + "X-Big: "
        + "y".repeat(20_000) + "\r\n\r\n"), 431, "BAD_REQUEST");
    assertJsonError(raw("GET /parley/%2e%2e/secret HTTP/1.1\r\n" + HOST + "\r\n"), 400,
        "BAD_REQUEST");
    assertJsonError(raw("GET /parley/todos.list HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400,
        "BAD_REQUEST");
    assertNothingAddedAndStillServing();
  }

  @Test
  void refusesABodyInAContentCodingItDoesNotDecode() throws Exception {
    assertJsonError(raw(post("todos.add", "Content-Type: application/json\r\n"
        + "Content-Encoding: gzip\r\n", "{\"text\":\"sneaky\"}")), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertNothingAddedAndStillServing();
  }

  @Test
  void refusesTwoAuthorizationHeaders() throws Exception {
    assertJsonError(raw(post("todos.add", "Content-Type: application/json\r\nAuthorization: Bearer a"
        + "\r\nAuthorization: Bearer b\r\n", "{\"text\":\"x\"}")), 400, "BAD_REQUEST");
    assertNothingAddedAndStillServing();
  }

  @Test
  void checksABatchWholeBeforeAnyOfItRuns() throws Exception {
    assertJsonError(raw(post("todos.add,todos.list?batch=1", "Content-Type: application/json\r\n",
        "{\"0\":{\"text\":\"half\"}}")), 400, "BAD_REQUEST");
    assertJsonError(raw(post("todos.add?batch=1", "Content-Type: application/json\r\n",
        "{\"a\":{\"text\":\"x\"}}")), 400, "BAD_REQUEST");
    assertJsonError(raw(post("todos.add?batch=1", "Content-Type: application/json\r\n",
        "{\"0\":{\"text\":\"x\"},\"1\":{\"text\":\"y\"}}")), 400, "BAD_REQUEST");
    assertNothingAddedAndStillServing();
  }

  @Test
  void refusesQueryParametersOutOfTheWire() throws Exception {
    for (String query : new String[] {"input=%7B%7D&input=%7B%7D", "batch=true", "input={}",
        "input=%7B"}) {
      String answer = raw("GET /parley/todos.list?" + query + " HTTP/1.1\r\n" + HOST
          + "Connection: close\r\n\r\n");
      assertThat(RawHttp.status(answer)).as(query + ": " + answer).isEqualTo(400);
      assertThat(RawHttp.body(answer)).startsWith("{\"error\":");
    }
    assertNothingAddedAndStillServing();
  }

  @Test
  void answersAStalledBodyWithJson408AtTheReadDeadline() throws Exception {
    try (RawHttp c = new RawHttp(transport.port())) {
      c.send("POST /parley/todos.add HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
          + "Content-Length: 40\r\n\r\n{\"text\":");
      long start = System.nanoTime();
      String answer = c.readAll(8000);
      assertJsonError(answer, 408, "TIMEOUT");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }
    assertNothingAddedAndStillServing();
  }

  @Test
  void closesAConnectionThatSendsItsHeadersAByteAtATime() throws Exception {
    try (RawHttp slow = new RawHttp(transport.port())) {
      CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> slow.readAll(15_000));
      String request = "GET /parley/todos.list HTTP/1.1\r\n" + HOST + "X-Slow: " + "z".repeat(50);
      long start = System.nanoTime();
      for (char ch : request.toCharArray()) {
        if (answer.isDone()) {
          break;
        }
        try {
          slow.send(String.valueOf(ch));
        } catch (RuntimeException closed) {
          break;
        }
        assertNothingAddedAndStillServing(); // others are served at once meanwhile
        Thread.sleep(100);
      }
      String got = answer.get(15, TimeUnit.SECONDS);
      assertJsonError(got, 408, "TIMEOUT");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void capsTheConnectionsOpenAtOnce() throws Exception {
    transport.close();
    transport = JettyTransport.builder(new TestApi().server).host("127.0.0.1")
        .maxConnections(1).acceptQueueSize(8).start();
    try (RawHttp first = new RawHttp(transport.port())) {
      first.send("GET /parley/todos.list HTTP/1.1\r\n" + HOST + "\r\n");
      assertThat(RawHttp.status(first.readAll(1000))).isEqualTo(200);
      try (RawHttp second = new RawHttp(transport.port())) {
        second.send("GET /parley/todos.list HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");
        assertThat(second.readAll(1000)).as("not accepted while the first is open").isEmpty();
        first.close();
        assertThat(RawHttp.status(second.readAll(5000))).isEqualTo(200);
      }
    }
  }

  @Test
  void refusesSettingsThatCannotWork() {
    var b = JettyTransport.builder(ParleyServer.builder(TestApi.CONTRACT).build());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.maxConnections(0))
        .hasMessageContaining("maxConnections: 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.acceptQueueSize(-1))
        .hasMessageContaining("acceptQueueSize: -1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.requestReadTimeout(Duration.ZERO))
        .hasMessageContaining("requestReadTimeout: PT0S");
  }
}
