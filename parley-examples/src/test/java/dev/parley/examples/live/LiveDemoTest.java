package dev.parley.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.examples.EventStreamClient;
import dev.parley.examples.EventStreamClient.Event;
import dev.parley.examples.chat.ChatRoom;
import dev.parley.examples.chat.DemoTokens;
import dev.parley.examples.chat.Rooms;
import dev.parley.examples.todos.TodoDemo;
import dev.parley.examples.todos.TodoStore;
import dev.parley.testing.ParleyTest;
import dev.parley.testing.TestServer;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo's {@code ticker}, {@code slow} and {@code slow.active} over SSE through Jetty. */
class LiveDemoTest {
  private final SlowFeed slow = new SlowFeed();
  private TestServer test;
  private HttpClient http;

  @BeforeEach
  void start() {
    test = ParleyTest.http(TodoDemo.server(new TodoStore(), new ChatRoom(), new Rooms(), slow,
        new DemoTokens("user-secret", "agent-secret")));
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterEach
  void stop() {
    test.close();
    http.shutdownNow(); // an SSE stream a failed test left open must not hold it
  }

  private EventStreamClient ticker(String input, Map<String, String> headers) throws Exception {
    return EventStreamClient.open(http, test.uri(), "ticker", input, headers);
  }

  private static String ticks(long... ns) {
    StringBuilder s = new StringBuilder();
    for (long n : ns) {
      s.append(n).append(':').append("{\"n\":").append(n).append("} ");
    }
    return s.toString().strip();
  }

  /** The values of a stream as {@code id:data}, then how it ended. */
  private static String values(List<Event> events) {
    StringBuilder s = new StringBuilder();
    for (Event e : events) {
      if (e.event().equals("message")) {
        s.append(e.id()).append(':').append(e.data()).append(' ');
      }
    }
    return s.toString().strip();
  }

  @Test
  void tickerCountsFromFromTrackedByEachNumberThenReturns() throws Exception {
    try (var stream = ticker("{\"from\":-2,\"count\":4,\"intervalMs\":0}", Map.of())) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.next().event()).isEqualTo("connected");
      List<Event> events = stream.toEnd();

      assertThat(values(events)).isEqualTo(ticks(-2, -1, 0, 1));
      assertThat(events.getLast().event()).isEqualTo("return");
    }
  }

  @Test
  void tickerAcceptsTheEdgesOfItsInput() throws Exception {
    try (var stream = ticker("{\"from\":1000000000000,\"count\":1,\"intervalMs\":60000}", Map.of())) {
      assertThat(values(stream.toEnd())).isEqualTo(ticks(1_000_000_000_000L));
    }
    try (var stream = ticker("{\"from\":-1000000000000,\"count\":1000,\"intervalMs\":0}", Map.of())) {
      List<Event> events = stream.toEnd();
      assertThat(events).hasSize(1001);
      assertThat(events.get(999).id()).isEqualTo(Long.toString(-1_000_000_000_000L + 999));
      assertThat(events.getLast().event()).isEqualTo("return");
    }
  }

  @ParameterizedTest
  @CsvSource({
      "5,    6 7",          // after 5: 6 and 7
      "2,    3 4 5 6 7",    // before from: from
      "-8,   3 4 5 6 7",
      "7,    ''",           // after the last: nothing left
      "99999999999999999999999, ''",
      "-99999999999999999999999, 3 4 5 6 7",
  })
  void tickerResumedAfterAnIdStartsAtTheLargerOfFromAndTheNextNumber(String lastEventId,
      String expected) throws Exception {
    String input = "{\"from\":3,\"count\":5,\"intervalMs\":0}";
    String inInput = "{\"from\":3,\"count\":5,\"intervalMs\":0,\"lastEventId\":\"" + lastEventId + "\"}";
    long[] ns = expected.isEmpty() ? new long[0]
        : java.util.Arrays.stream(expected.split(" ")).mapToLong(Long::parseLong).toArray();
    try (var header = ticker(input, Map.of("Last-Event-ID", lastEventId));
         var query = EventStreamClient.openQuery(http, test.uri(), "ticker",
             "?input=" + java.net.URLEncoder.encode(input, StandardCharsets.UTF_8)
                 + "&lastEventId=" + lastEventId, Map.of());
         var body = ticker(inInput, Map.of())) {
      for (EventStreamClient stream : List.of(header, query, body)) {
        List<Event> events = stream.toEnd();
        assertThat(values(events)).isEqualTo(ticks(ns));
        assertThat(events.getLast().event()).isEqualTo("return");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1.5", "1e3", "+1", " 1", "1 ", "0x10", "\u0663", ""})
  void tickerRefusesALastEventIdThatIsNotADecimalIntegerBadRequest(String lastEventId)
      throws Exception {
    try (var stream = ticker("{\"from\":0,\"count\":3,\"intervalMs\":0,\"lastEventId\":\""
        + lastEventId + "\"}", Map.of())) {
      assertRefusedLastEventId(stream);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1.5", "+1", "0x10"})
  void tickerRefusesANonDecimalLastEventIdHeaderAsWell(String lastEventId) throws Exception {
    try (var stream = ticker("{\"from\":0,\"count\":3,\"intervalMs\":0}",
        Map.of("Last-Event-ID", lastEventId))) {
      assertRefusedLastEventId(stream);
    }
  }

  private static void assertRefusedLastEventId(EventStreamClient stream) throws Exception {
    assertThat(stream.toEnd()).singleElement().satisfies(e -> {
      assertThat(e.event()).isEqualTo("serialized-error");
      assertThat(e.data()).contains("\"code\":\"BAD_REQUEST\"", "\"path\":\"ticker\"",
          "lastEventId");
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"from\":1000000000001,\"count\":1,\"intervalMs\":0}  | from",
      "{\"from\":-1000000000001,\"count\":1,\"intervalMs\":0} | from",
      "{\"from\":1.5,\"count\":1,\"intervalMs\":0}            | from",
      "{\"from\":0,\"count\":0,\"intervalMs\":0}              | count",
      "{\"from\":0,\"count\":1001,\"intervalMs\":0}           | count",
      "{\"from\":0,\"intervalMs\":0}                          | count",
      "{\"from\":0,\"count\":1,\"intervalMs\":-1}             | intervalMs",
      "{\"from\":0,\"count\":1,\"intervalMs\":60001}          | intervalMs",
      "{\"from\":0,\"count\":1,\"intervalMs\":\"5\"}          | intervalMs",
  })
  void tickerRefusesAnInputOutOfItsRangesBadRequestAtThePath(String input, String path)
      throws Exception {
    try (var stream = ticker(input, Map.of())) {
      assertThat(stream.status()).isEqualTo(200);
      List<Event> events = stream.toEnd();

      assertThat(events).singleElement().satisfies(e -> {
        assertThat(e.event()).isEqualTo("serialized-error");
        assertThat(e.data()).contains("\"code\":\"BAD_REQUEST\"", "\"path\":\"" + path + "\"");
      });
    }
  }

  @Test
  void tickerSendsTheFirstValueAtOnceAndTheNextOnlyAfterTheInterval() throws Exception {
    try (var stream = ticker("{\"from\":0,\"count\":2,\"intervalMs\":60000}", Map.of())) {
      assertThat(stream.nextValue().data()).isEqualTo("{\"n\":0}"); // within WAIT, far below 60 s
    }
    int intervalMs = 150;
    long start = System.nanoTime();
    try (var stream = ticker("{\"from\":0,\"count\":3,\"intervalMs\":" + intervalMs + "}", Map.of())) {
      for (int k = 0; k < 3; k++) {
        assertThat(stream.nextValue().data()).isEqualTo("{\"n\":" + k + "}");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
            .as("value %d comes after %d pauses", k, k).isGreaterThanOrEqualTo((long) k * intervalMs);
      }
      assertThat(stream.nextValue().event()).isEqualTo("return");
    }
  }

  @Test
  void theReadmesTickerCommandCountsOneToThree() throws Exception {
    String prefix = "curl -N 'localhost:8080/parley/ticker?";
    String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../README.md")).stream()
        .filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    String query = line.substring(prefix.length(), line.lastIndexOf('\''));
    var request = java.net.http.HttpRequest.newBuilder(URI.create(test.uri() + "/ticker?" + query)).build();

    String body = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();

    assertThat(body).contains("data: {\"n\":1}\nid: 1\n\n", "data: {\"n\":3}\nid: 3\n\n")
        .endsWith("event: return\ndata: \n\n");
  }

  @Test
  void slowCountsAndSlowActiveDropsBackToZeroWhenItsClientsStop() throws Exception {
    assertThat(active()).isZero();
    try (var first = EventStreamClient.open(http, test.uri(), "slow", null, Map.of());
         var second = EventStreamClient.open(http, test.uri(), "slow", null, Map.of())) {
      assertThat(first.nextValue().data()).isEqualTo("{\"n\":0}");
      assertThat(second.nextValue().data()).isEqualTo("{\"n\":0}");
      assertThat(first.nextValue()).satisfies(e -> {
        assertThat(e.data()).isEqualTo("{\"n\":1}");
        assertThat(e.id()).isNull();
      });
      assertThat(active()).isEqualTo(2);

      first.close();
      eventually(this::active, 1);
      second.close();
      eventually(this::active, 0);
    }
    assertThat(slow.active()).isZero();
  }

  @Test
  void slowActiveDropsBackToZeroWhenAClientVanishesWithoutClosing() throws Exception {
    URI uri = test.uri();
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.getOutputStream().write(("GET " + uri.getPath() + "/slow HTTP/1.1\r\nHost: "
          + uri.getAuthority() + "\r\nAccept: text/event-stream\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      byte[] head = new byte[1];
      assertThat(socket.getInputStream().read(head)).isEqualTo(1); // the stream began
      eventually(this::active, 1);

      socket.setSoLinger(true, 0); // close with a reset: no goodbye, as a vanished client
    }
    eventually(this::active, 0);
  }

  private int active() {
    return test.client().query(LiveApi.SLOW_ACTIVE);
  }

  private static void eventually(IntSupplier actual, int expected) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (actual.getAsInt() != expected && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(actual.getAsInt()).isEqualTo(expected);
  }
}
